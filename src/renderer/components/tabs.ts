/** The popover's sections, in tab order. */
export type TabId =
  'overview' | 'history' | 'connections' | 'services' | 'warnings' | 'about' | 'settings';

export interface TabSpec {
  id: TabId;
  label: string;
  /** Shown instead of the label when space is short; the label stays the accessible name. */
  icon?: 'gear' | 'question';
}

export const TABS: readonly TabSpec[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'history', label: 'History' },
  { id: 'connections', label: 'Connections' },
  { id: 'services', label: 'Services' },
  { id: 'warnings', label: 'Warnings' },
  { id: 'about', label: 'What is apsd?', icon: 'question' },
  { id: 'settings', label: 'Settings', icon: 'gear' },
];

export const tabId = (id: TabId) => `tab-${id}`;
export const panelId = (id: TabId) => `panel-${id}`;
