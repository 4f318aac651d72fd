/**
 * A segmented tablist (WAI-ARIA tabs pattern): one tab in the tab order, arrow keys and Home/End
 * move between tabs and select them (panels render instantly, so selection follows focus).
 */
import { useRef, type KeyboardEvent } from 'react';
import { GearIcon, QuestionIcon } from './icons';
import { panelId, tabId, type TabId, type TabSpec } from './tabs';

interface TabBarProps {
  tabs: readonly TabSpec[];
  active: TabId;
  onSelect: (id: TabId) => void;
  /** Small counts (e.g. trust failures) shown as a badge on a tab. */
  badges: Partial<Record<TabId, { count: number; serious: boolean; label: string }>>;
}

export function TabBar({ tabs, active, onSelect, badges }: TabBarProps) {
  const refs = useRef(new Map<TabId, HTMLButtonElement>());

  function move(event: KeyboardEvent<HTMLDivElement>): void {
    const focused = tabs.findIndex((tab) => refs.current.get(tab.id) === event.target);
    const index = focused >= 0 ? focused : tabs.findIndex((tab) => tab.id === active);
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const next = tabs[target];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  }

  return (
    <div className="tab-bar" role="tablist" aria-label="Sections" onKeyDown={move}>
      {tabs.map((tab) => {
        const selected = tab.id === active;
        const badge = badges[tab.id];
        return (
          <button
            key={tab.id}
            ref={(node) => {
              if (node) refs.current.set(tab.id, node);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            className={tab.icon ? 'tab tab-icon' : 'tab'}
            aria-selected={selected}
            aria-controls={selected ? panelId(tab.id) : undefined}
            aria-label={tab.icon ? tab.label : undefined}
            title={tab.icon ? tab.label : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.icon === 'gear' ? (
              <GearIcon />
            ) : tab.icon === 'question' ? (
              <QuestionIcon />
            ) : (
              tab.label
            )}
            {badge && badge.count > 0 ? (
              <span
                className={badge.serious ? 'tab-badge serious' : 'tab-badge'}
                aria-label={badge.label}
              >
                {badge.count > 99 ? '99+' : badge.count}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
