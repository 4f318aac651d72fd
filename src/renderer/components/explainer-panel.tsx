/**
 * "What is apsd?": the explainer's questions from src/shared/explainer.ts with this Mac's live
 * evidence, the certificate probe, and the report to paste into a forum or Feedback Assistant.
 */
import { useMemo } from 'react';
import { buildExplainer } from '../../shared/explainer';
import type { Snapshot } from '../../shared/snapshot';
import { useServices } from '../hooks/app-context';
import type { ProbeState } from '../hooks/use-probe';
import { CopyButton } from './copy-button';
import { ExplainerSection } from './explainer-section';
import { ProbeBox } from './probe-box';

interface ExplainerPanelProps {
  snapshot: Snapshot | null;
  probe: ProbeState;
  onRunProbe: () => void;
}

export function ExplainerPanel({ snapshot, probe, onRunProbe }: ExplainerPanelProps) {
  const { client } = useServices();
  const sections = useMemo(() => buildExplainer(snapshot, probe.result), [snapshot, probe.result]);
  const fetchReport = () => client.invoke('report:get', { format: 'markdown', keepPrivate: false });

  return (
    <div className="stack" data-testid="explainer">
      <h2 className="panel-title">What is apsd?</h2>
      <div className="explainer-sections">
        {sections.map((section) => (
          <ExplainerSection key={section.id} section={section} />
        ))}
      </div>
      <ProbeBox probe={probe} onRun={onRunProbe} />
      <div className="tool" data-testid="report">
        <div className="tool-head">
          <CopyButton
            source={fetchReport}
            label="Copy report"
            className="button"
            testId="report-copy"
          />
        </div>
        <p className="tool-note">
          A Markdown summary of these figures for a forum post or Feedback Assistant, with this
          Mac&rsquo;s addresses and names left out.
        </p>
      </div>
    </div>
  );
}
