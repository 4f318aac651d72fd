/** Settings, loaded from the engine; the form remounts whenever the engine's copy changes. */
import { useSettings } from '../hooks/use-settings';
import { HostNotices } from './host-notices';
import { SettingsForm } from './settings-form';

export function SettingsPanel() {
  const { settings, loadError, version, saved, save } = useSettings();
  if (loadError && !settings) {
    return (
      <p className="inline-error" role="alert" data-testid="settings-load-error">
        Could not load settings: {loadError}
      </p>
    );
  }
  if (!settings) return <p className="placeholder">Loading settings…</p>;
  return (
    <>
      <HostNotices key={version} />
      <SettingsForm key={version} initial={settings} saved={saved} onSave={save} />
    </>
  );
}
