/** The probe button with what it does on the network, and the last result with its chain. */
import type { ProbeState } from '../hooks/use-probe';
import { ProbeResultView } from './probe-result';

interface ProbeBoxProps {
  probe: ProbeState;
  onRun: () => void;
}

export function ProbeBox({ probe, onRun }: ProbeBoxProps) {
  const running = probe.status === 'running';
  return (
    <div className="tool" data-testid="probe">
      <div className="tool-head">
        <button
          type="button"
          className="button"
          onClick={onRun}
          disabled={running}
          aria-describedby="probe-note"
          data-testid="probe-run"
        >
          {running ? 'Checking…' : "Check Apple's certificate"}
        </button>
      </div>
      <p id="probe-note" className="tool-note">
        Connects once to Apple&rsquo;s push server and reads the certificates it presents. This is
        the only network connection apsd-watch makes, and only when you click.
      </p>
      {probe.status === 'failed' ? (
        <p className="inline-error" role="alert" data-testid="probe-error">
          The check failed: {probe.error}
        </p>
      ) : null}
      {probe.result ? <ProbeResultView result={probe.result} /> : null}
    </div>
  );
}
