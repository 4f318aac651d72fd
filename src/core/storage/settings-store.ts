/**
 * The user's settings on disk (`settings.json` in the data directory): always a valid Settings in
 * memory, every change validated and written atomically, a bad file kept aside rather than lost.
 * As sindresorhus/conf does, the schema is checked on every read and every write, and a hand
 * edit made while running is read before the next update; unlike conf, a file that fails the
 * schema is moved aside with a warning instead of stopping the start.
 */
import { readFile, stat } from 'node:fs/promises';
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

/** What is on disk when it is not what the store last read or wrote: a hand edit made while running. */
type HandEdit =
  | { kind: 'none' }
  | { kind: 'valid'; settings: Settings; dropped: string[]; text: string }
  | { kind: 'invalid' };

export interface SettingsStoreOptions {
  /** Problems found after open (a hand edit that fails the schema, moved aside). */
  onWarning?: (warning: string) => void;
}

export class SettingsStore {
  /** One-line problems found at open (a file moved aside, keys dropped, saving disabled). */
  readonly warnings: string[];
  private current: Settings;
  private queue: Promise<unknown> = Promise.resolve();
  /** The file's text as this store last read or wrote it; null when there was none. */
  private known: string | null = null;

  private constructor(
    private readonly path: string,
    settings: Settings,
    private readonly writable: boolean,
    warnings: string[],
    private readonly options: SettingsStoreOptions,
  ) {
    this.current = settings;
    this.warnings = warnings;
  }

  /** Never throws: a missing, unreadable or invalid file gives defaults and a warning. */
  static async open(dataDir: string, options: SettingsStoreOptions = {}): Promise<SettingsStore> {
    const path = join(dataDir, SETTINGS_FILE);
    const warnings: string[] = [];
    try {
      await ensureDataDir(dataDir);
    } catch (error) {
      warnings.push(`${errorLine(error)}; settings will not be saved`);
      return new SettingsStore(path, DEFAULT_SETTINGS, false, warnings, options);
    }
    const read = await readJsonOrQuarantine(path, {
      parse: parseStored,
      maxBytes: MAX_SETTINGS_BYTES,
    });
    if (read.warning) warnings.push(read.warning);
    if (read.value && read.value.dropped.length > 0)
      warnings.push(`${SETTINGS_FILE}: ignored unknown setting ${read.value.dropped.join(', ')}`);
    const store = new SettingsStore(
      path,
      read.value?.settings ?? DEFAULT_SETTINGS,
      read.writable,
      warnings,
      options,
    );
    if (read.value) store.known = await readFile(path, 'utf8').catch(() => null);
    return store;
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
    // A hand edit made while running is the base of the update, never overwritten unseen.
    const edit = await this.handEdit();
    const base = edit.kind === 'valid' ? edit.settings : this.current;
    const checked = checkSettingsPatch(base, patch);
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
    if (edit.kind === 'invalid') await this.moveAsideHandEdit();
    if (edit.kind === 'valid' && edit.dropped.length > 0)
      this.options.onWarning?.(
        `${SETTINGS_FILE}: ignored unknown setting ${edit.dropped.join(', ')}`,
      );
    const text = `${JSON.stringify(next, null, 2)}\n`;
    try {
      await writeFileAtomic(this.path, text);
    } catch (error) {
      throw new Error(`could not save settings: ${errorLine(error)}`, { cause: error });
    }
    this.current = next;
    this.known = text;
    return next;
  }

  private async handEdit(): Promise<HandEdit> {
    if (!this.writable) return { kind: 'none' };
    const info = await stat(this.path).catch(() => null);
    if (!info) return { kind: 'none' };
    if (!info.isFile() || info.size > MAX_SETTINGS_BYTES) return { kind: 'invalid' };
    const text = await readFile(this.path, 'utf8').catch(() => null);
    if (text === null) return { kind: 'invalid' };
    if (text === this.known) return { kind: 'none' };
    try {
      const stored = parseStored(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown);
      return { kind: 'valid', ...stored, text };
    } catch {
      return { kind: 'invalid' };
    }
  }

  /** The same quarantine as at open: the edit is kept beside, named in a warning. */
  private async moveAsideHandEdit(): Promise<void> {
    const read = await readJsonOrQuarantine(this.path, {
      parse: parseStored,
      maxBytes: MAX_SETTINGS_BYTES,
    });
    if (read.warning) this.options.onWarning?.(read.warning);
    if (!read.writable)
      throw new Error(
        `could not save settings: ${read.warning ?? `${SETTINGS_FILE} is in the way`}`,
      );
  }
}
