/** The settings form's fields, grouped as System Settings groups them; state lives in the form. */
import type { FieldErrors, SettingsFormValues } from '../lib/settings-form';
import { CheckField, FormField } from './form-field';

export type SetField = <K extends keyof SettingsFormValues>(
  key: K,
  value: SettingsFormValues[K],
) => void;

interface SettingsFieldsProps {
  values: SettingsFormValues;
  errors: FieldErrors;
  set: SetField;
}

export function SettingsFields({ values, errors, set }: SettingsFieldsProps) {
  return (
    <>
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
        <legend className="group-title">Prometheus</legend>
        <div className="form-box">
          <CheckField
            id="setting-metricsEnabled"
            label="Serve /metrics on 127.0.0.1"
            checked={values.metricsEnabled}
            onChange={(v) => set('metricsEnabled', v)}
            hint="Menu-bar app only: for a Prometheus or an agent on this Mac."
          />
          <FormField id="setting-metricsPort" label="Metrics port" error={errors.metricsPort}>
            {(control) => (
              <input
                {...control}
                className="input narrow"
                inputMode="numeric"
                value={values.metricsPort}
                onChange={(e) => set('metricsPort', e.target.value)}
              />
            )}
          </FormField>
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
    </>
  );
}
