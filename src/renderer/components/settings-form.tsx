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
import { CheckField, FormField } from './form-field';

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

  function set<K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]): void {
    setValues((old) => ({ ...old, [key]: value }));
    setSave({ kind: 'idle' });
  }

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
      (error: unknown) =>
        setSave({ kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
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
      <fieldset className="group">
        <legend className="group-title">Sampling and alerts</legend>
        <div className="form-box">
          <FormField
            id="setting-intervalSeconds"
            label="Sample every (seconds)"
            error={errors.intervalSeconds}
          >
            {(control) => (
              <input
                {...control}
                className="input narrow"
                inputMode="numeric"
                value={values.intervalSeconds}
                onChange={(e) => set('intervalSeconds', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="setting-spikeMinCount"
            label="Never alert below (FIN_WAIT_1 sockets)"
            error={errors.spikeMinCount}
          >
            {(control) => (
              <input
                {...control}
                className="input narrow"
                inputMode="numeric"
                value={values.spikeMinCount}
                onChange={(e) => set('spikeMinCount', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="setting-spikeSensitivity"
            label="Spike sensitivity"
            hint="High alerts on smaller rises above the learned baseline."
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={values.spikeSensitivity}
                onChange={(e) =>
                  set('spikeSensitivity', e.target.value as SettingsFormValues['spikeSensitivity'])
                }
              >
                <option value="low">Low</option>
                <option value="normal">Normal</option>
                <option value="high">High</option>
              </select>
            )}
          </FormField>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend className="group-title">Notifications and menu bar</legend>
        <div className="form-box">
          <CheckField
            id="setting-notifySpike"
            label="Notify on FIN_WAIT_1 spikes"
            checked={values.notifySpike}
            onChange={(v) => set('notifySpike', v)}
          />
          <CheckField
            id="setting-notifyTrustFailure"
            label="Notify on trust failures"
            checked={values.notifyTrustFailure}
            onChange={(v) => set('notifyTrustFailure', v)}
          />
          <FormField id="setting-trayTitle" label="Count in the menu bar">
            {(control) => (
              <select
                {...control}
                className="select"
                value={values.trayTitle}
                onChange={(e) =>
                  set('trayTitle', e.target.value as SettingsFormValues['trayTitle'])
                }
              >
                <option value="when-high">Only when high</option>
                <option value="always">Always</option>
                <option value="never">Never</option>
              </select>
            )}
          </FormField>
          <CheckField
            id="setting-launchAtLogin"
            label="Open at login"
            checked={values.launchAtLogin}
            onChange={(v) => set('launchAtLogin', v)}
            hint="Applies to the menu-bar app."
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend className="group-title">Which sockets are the daemon’s</legend>
        <div className="form-box">
          <p className="field-hint box-note">
            A socket counts when its process is listed, or when its peer port is listed and its peer
            address is in one of the ranges.
          </p>
          <FormField
            id="setting-processes"
            label="Process names (one per line)"
            layout="stacked"
            error={errors.processes}
          >
            {(control) => (
              <textarea
                {...control}
                className="input mono"
                rows={2}
                spellCheck={false}
                value={values.processes}
                onChange={(e) => set('processes', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="setting-peerPorts"
            label="Peer ports"
            layout="stacked"
            error={errors.peerPorts}
          >
            {(control) => (
              <input
                {...control}
                className="input mono"
                spellCheck={false}
                value={values.peerPorts}
                onChange={(e) => set('peerPorts', e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="setting-peerCidrs"
            label="Peer address ranges (CIDR)"
            layout="stacked"
            error={errors.peerCidrs}
          >
            {(control) => (
              <textarea
                {...control}
                className="input mono"
                rows={3}
                spellCheck={false}
                value={values.peerCidrs}
                onChange={(e) => set('peerCidrs', e.target.value)}
              />
            )}
          </FormField>
        </div>
      </fieldset>

      <div className="form-actions">
        <p className="form-status" role="status" data-testid="settings-status">
          {save.kind === 'saving' ? 'Saving…' : save.kind === 'saved' ? 'Saved and applied.' : ''}
        </p>
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
      {save.kind === 'failed' ? (
        <p className="inline-error" role="alert" data-testid="settings-error">
          Not saved: {save.error}
        </p>
      ) : null}
    </form>
  );
}
