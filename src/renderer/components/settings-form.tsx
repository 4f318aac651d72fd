/**
 * The settings form: validated as typed values on Apply, errors under each field, the engine's own
 * error (if it still refuses) at the bottom; applied by the engine without a restart.
 */
import { useState, type FormEvent } from 'react';
import type { Settings, SettingsPatch } from '../../shared/settings';
import {
  parseSettingsForm,
  settingsPatch,
  toFormValues,
  type FieldErrors,
  type SettingsFormValues,
} from '../lib/settings-form';
import { SettingsFields, type SetField } from './settings-fields';
import { errorLine } from '../../shared/error-line';

interface SettingsFormProps {
  initial: Settings;
  /** True when `initial` is what a save just returned. */
  saved: boolean;
  onSave: (patch: SettingsPatch) => Promise<void>;
}

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: string };

export function SettingsForm({ initial, saved, onSave }: SettingsFormProps) {
  const [values, setValues] = useState<SettingsFormValues>(() => toFormValues(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>(saved ? { kind: 'saved' } : { kind: 'idle' });
  const dirty = JSON.stringify(values) !== JSON.stringify(toFormValues(initial));

  const set: SetField = (key, value) => {
    setValues((old) => ({ ...old, [key]: value }));
    setSave({ kind: 'idle' });
  };

  function submit(event: FormEvent): void {
    event.preventDefault();
    const parsed = parseSettingsForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = Object.keys(parsed.errors)[0];
      if (first) document.getElementById(`setting-${first}`)?.focus();
      return;
    }
    setErrors({});
    const patch = settingsPatch(initial, parsed.settings);
    if (Object.keys(patch).length === 0) return;
    setSave({ kind: 'saving' });
    onSave(patch).then(
      () => undefined, // the panel remounts this form with the saved settings
      (error: unknown) => setSave({ kind: 'failed', error: errorLine(error) }),
    );
  }

  return (
    <form
      className="settings"
      data-testid="settings-form"
      onSubmit={submit}
      noValidate
      aria-label="Settings"
    >
      <SettingsFields values={values} errors={errors} set={set} />

      <div className="form-actions">
        {save.kind === 'failed' ? (
          <p className="form-status inline-error" role="alert" data-testid="settings-error">
            Not saved: {save.error}
          </p>
        ) : (
          <p className="form-status" role="status" data-testid="settings-status">
            {save.kind === 'saving' ? 'Saving…' : save.kind === 'saved' ? 'Saved and applied.' : ''}
          </p>
        )}
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => {
            setValues(toFormValues(initial));
            setErrors({});
          }}
        >
          Revert
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={!dirty || save.kind === 'saving'}
        >
          Apply
        </button>
      </div>
    </form>
  );
}
