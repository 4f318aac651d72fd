/**
 * The popover: verdict header, link and notification banners, then one tab panel. Only the active
 * panel renders, so a 10,000-row snapshot costs the connections table nothing while it is hidden;
 * the view state that should survive a tab switch lives here.
 */
import { useState } from 'react';
import type { HistoryRange, Snapshot } from '../../shared/snapshot';
import { useSnapshotMarker } from '../hooks/use-snapshot-marker';
import { useSnapshotState } from '../hooks/use-stores';
import { useProbe } from '../hooks/use-probe';
import { DEFAULT_SORT } from '../../shared/connection-query';
import { ConnectionBanner } from './connection-banner';
import { ConnectionsPanel, type ConnectionView } from './connections-panel';
import { ExplainerPanel } from './explainer-panel';
import { HistoryPanel } from './history-panel';
import { HostNotices } from './host-notices';
import { NotificationStack } from './notification-stack';
import { OverviewPanel } from './overview-panel';
import { ServicesPanel } from './services-panel';
import { SettingsPanel } from './settings-panel';
import { TabBar } from './tab-bar';
import { panelId, tabId, TABS, type TabId } from './tabs';
import { VerdictHeader } from './verdict-header';
import { WarningsPanel } from './warnings-panel';

function WaitingPanel({ error }: { error: string | null }) {
  return (
    <p className="placeholder" data-testid="waiting">
      {error ? `No snapshot yet: ${error}` : 'Waiting for the first sample…'}
    </p>
  );
}

export function App() {
  const { snapshot, error } = useSnapshotState();
  const [tab, setTab] = useState<TabId>('overview');
  const [range, setRange] = useState<HistoryRange>('1h');
  const [connectionView, setConnectionView] = useState<ConnectionView>({
    filter: 'all',
    sort: DEFAULT_SORT,
  });
  const { probe, runProbe } = useProbe();
  useSnapshotMarker(snapshot?.takenAt);

  function panel(current: Snapshot | null) {
    if (tab === 'settings') return <SettingsPanel />;
    if (tab === 'about') {
      return <ExplainerPanel snapshot={current} probe={probe} onRunProbe={runProbe} />;
    }
    if (!current) return <WaitingPanel error={error} />;
    switch (tab) {
      case 'overview':
        return <OverviewPanel snapshot={current} onExplain={() => setTab('about')} />;
      case 'history':
        return <HistoryPanel snapshot={current} range={range} onRange={setRange} />;
      case 'connections':
        return (
          <ConnectionsPanel snapshot={current} view={connectionView} onView={setConnectionView} />
        );
      case 'services':
        return <ServicesPanel snapshot={current} />;
      case 'warnings':
        return <WarningsPanel snapshot={current} />;
    }
  }

  const trustFailures = snapshot?.logs.byKind['trust-failure'] ?? 0;
  return (
    <div className="app" data-level={snapshot?.verdict.level ?? 'waiting'}>
      <VerdictHeader snapshot={snapshot} error={error} />
      <ConnectionBanner />
      {/* Settings shows them itself, asked again after each save. */}
      {tab === 'settings' ? null : <HostNotices />}
      <NotificationStack onShowAll={() => setTab('warnings')} />
      <TabBar
        tabs={TABS}
        active={tab}
        onSelect={setTab}
        badges={{
          warnings: {
            count: trustFailures,
            serious: true,
            label: `, ${trustFailures} trust ${trustFailures === 1 ? 'failure' : 'failures'}`,
          },
        }}
      />
      <section
        className={tab === 'connections' ? 'panel panel-fill' : 'panel'}
        role="tabpanel"
        id={panelId(tab)}
        aria-labelledby={tabId(tab)}
        tabIndex={0}
      >
        {panel(snapshot)}
      </section>
    </div>
  );
}
