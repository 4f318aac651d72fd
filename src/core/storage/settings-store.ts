/**
 * The user's settings on disk (`settings.json` in the data directory): always a valid Settings in
 * memory, every change validated and written atomically, a bad file kept aside rather than lost.
 * As sindresorhus/conf does, the schema is checked on every read and every write; unlike conf,
 * a file that fails it is moved aside with a warning instead of stopping the start.
 */
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEYS,
  checkSettingsPatch,
  describeIssue,
  type Settings,
  type SettingsCheck,
} from '../../shared/settings';
import { readJsonOrQuarantine, writeFileAtomic } from './atomic-file';
import { ensureDataDir } from './data-dir';
import { errorLine } from '../../shared/error-line';

export const SETTINGS_FILE = 'settings.json';
/** A real settings file is about 1 KB; anything far larger is not one. */
const MAX_SETTINGS_BYTES = 256 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys the app does not know (from a newer version or a hand edit) are taken out and named. */
function withoutUnknownKeys(raw: Record<string, unknown>): {
  known: Record<string, unknown>;
  dropped: string[];
} {
  const known: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!SETTINGS_KEYS.top.includes(key)) {
      dropped.push(key);
      continue;
    }
    const inner = Object.hasOwn(SETTINGS_KEYS.nested, key) ? SETTINGS_KEYS.nested[key] : undefined;
    if (!inner || !isObject(value)) {
      known[key] = value;
      continue;
    }
    known[key] = Object.fromEntries(Object.entries(value).filter(([sub]) => inner.includes(sub)));
    for (const sub of Object.keys(value)) if (!inner.includes(sub)) dropped.push(`${key}.${sub}`);
  }
  return { known, dropped };
}

function firstProblem(checked: SettingsCheck & { ok: false }): string {
  return checked.issues[0] ? describeIssue(checked.issues[0]) : 'invalid value';
}

/**
 * A stored file is read as an update over the defaults: keys a newer release added are filled in,
 * unknown keys are dropped (and named), a wrong value makes the file invalid (it is moved aside).
 */
function parseStored(raw: unknown): { settings: Settings; dropped: string[] } {
  if (!isObject(raw)) throw new Error('not a JSON object');
  const { known, dropped } = withoutUnknownKeys(raw);
  const checked = checkSettingsPatch(DEFAULT_SETTINGS, known);
  if (!checked.ok) throw new Error(firstProblem(checked));
  return { settings: checked.settings, dropped };
}

export class SettingsStore {
  /** One-line problems found at open (a file moved aside, keys dropped, saving disabled). */
  readonly warnings: string[];
  private current: Settings;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly path: string,
    settings: Settings,
    private readonly writable: boolean,
    warnings: string[],
  ) {
    this.current = settings;
    this.warnings = warnings;
  }

  /** Never throws: a missing, unreadable or invalid file gives defaults and a warning. */
  static async open(dataDir: string): Promise<SettingsStore> {
    const path = join(dataDir, SETTINGS_FILE);
    const warnings: string[] = [];
    try {
      await ensureDataDir(dataDir);
    } catch (error) {
      warnings.push(`${errorLine(error)}; settings will not be saved`);
      return new SettingsStore(path, DEFAULT_SETTINGS, false, warnings);
    }
    const read = await readJsonOrQuarantine(path, {
      parse: parseStored,
      maxBytes: MAX_SETTINGS_BYTES,
    });
    if (read.warning) warnings.push(read.warning);
    if (read.value && read.value.dropped.length > 0)
      warnings.push(`${SETTINGS_FILE}: ignored unknown setting ${read.value.dropped.join(', ')}`);
    return new SettingsStore(
      path,
      read.value?.settings ?? DEFAULT_SETTINGS,
      read.writable,
      warnings,
    );
  }

  get(): Settings {
    return this.current;
  }

  /**
   * Validates the update against the schema, lets `prepare` make it ready to use (the engine
   * compiles its rules there), saves atomically, and only then makes it current. Throws a one-line
   * Error for invalid input, a failed `prepare` or a failed save; then nothing on disk has changed.
   */
  update(patch: unknown, prepare?: (next: Settings) => void): Promise<Settings> {
    const run = this.queue.then(() => this.apply(patch, prepare));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(patch: unknown, prepare?: (next: Settings) => void): Promise<Settings> {
    const checked = checkSettingsPatch(this.current, patch);
    if (!checked.ok) throw new Error(`invalid settings: ${firstProblem(checked)}`);
    const next = checked.settings;
    try {
      prepare?.(next);
    } catch (error) {
      throw new Error(`invalid settings: ${errorLine(error)}`, { cause: error });
    }
    if (!this.writable)
      throw new Error(
        `could not save settings: ${SETTINGS_FILE} is unreadable and was left in place`,
      );
    try {
      await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      throw new Error(`could not save settings: ${errorLine(error)}`, { cause: error });
    }
    this.current = next;
    return next;
  }
}
