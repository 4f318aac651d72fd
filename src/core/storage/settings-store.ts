/**
 * The user's settings on disk (`settings.json` in the data directory): always a valid Settings in
 * memory, every change validated and written atomically, a bad file kept aside rather than lost.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  applySettingsPatch,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { readJsonOrQuarantine, writeFileAtomic } from './atomic-file';
import { ensureDataDir } from './data-dir';
import { errorLine } from '../../shared/error-line';

export const SETTINGS_FILE = 'settings.json';
/** A real settings file is about 1 KB; anything far larger is not one. */
const MAX_SETTINGS_BYTES = 256 * 1024;

/** "spike.minCount: Too small: expected number to be >=1" instead of a zod dump. */
export function describeZodError(error: unknown): string {
  if (!(error instanceof z.ZodError)) return errorLine(error);
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return errorLine(`${where}${issue.message}`);
}

/** Names keys the app does not know (from a newer version or a hand edit), so dropping them is seen. */
function unknownKeys(raw: Record<string, unknown>): string[] {
  const shape = settingsSchema.shape;
  const found: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(shape, key)) found.push(key);
    else if (key === 'spike' || key === 'notifications' || key === 'rules') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const inner = shape[key].shape;
      for (const sub of Object.keys(value))
        if (!Object.hasOwn(inner, sub)) found.push(`${key}.${sub}`);
    }
  }
  return found;
}

/**
 * A stored file is read as a patch over the defaults: keys a newer release added are filled in,
 * unknown keys are dropped (and named), a wrong value makes the file invalid.
 */
function parseStored(raw: unknown): { settings: Settings; dropped: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('not a JSON object');
  const result = settingsPatchSchema.strip().safeParse(raw);
  if (!result.success) throw new Error(describeZodError(result.error));
  const dropped = unknownKeys(raw as Record<string, unknown>);
  try {
    return { settings: applySettingsPatch(DEFAULT_SETTINGS, result.data), dropped };
  } catch (error) {
    throw new Error(describeZodError(error), { cause: error });
  }
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
   * Validates the patch, saves the merged settings atomically and only then makes them current.
   * Throws a one-line Error for invalid input or a failed save; the old settings stay in force.
   */
  update(patch: unknown): Promise<Settings> {
    const run = this.queue.then(() => this.apply(patch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(patch: unknown): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new Error(`invalid settings: ${describeZodError(parsed.error)}`);
    let next: Settings;
    try {
      next = applySettingsPatch(this.current, parsed.data as SettingsPatch);
    } catch (error) {
      throw new Error(`invalid settings: ${describeZodError(error)}`, { cause: error });
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
