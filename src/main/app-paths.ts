/**
 * Where the app keeps its data, and so its single-instance lock (Electron keeps the lock in the
 * user-data folder). Pure: Electron's answers come in as data.
 * - `--data-dir=<path>` (as in the CLI) wins: a test or a second profile.
 * - A development run (`npm start`, not packaged) uses a folder of its own beside the installed
 *   app's, so it neither reads the everyday history and settings nor stops on the installed
 *   app's lock.
 * - The packaged app uses Electron's default, ~/Library/Application Support/apsd-watch.
 */
import { join, resolve } from 'node:path';

export interface PathFacts {
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.commandLine.getSwitchValue('data-dir')`: '' when absent. */
  dataDirSwitch: string;
  /** `app.getPath('appData')`: ~/Library/Application Support on a Mac. */
  appData: string;
  /** `app.getPath('userData')` as Electron set it. */
  userData: string;
}

/** The folder name of a development run's data, beside the installed app's. */
export const DEV_DATA_FOLDER = 'apsd-watch-dev';

/** The user-data folder to set, or null to keep Electron's. */
export function chooseUserData(facts: PathFacts): string | null {
  if (facts.dataDirSwitch) return resolve(facts.dataDirSwitch);
  if (!facts.isPackaged) return join(facts.appData, DEV_DATA_FOLDER);
  return null;
}
