/** A Terminal command with what it shows and a Copy button. */
import type { ExplainerCommand } from '../../shared/explainer';
import { CopyButton } from './copy-button';

export function CommandLine({ command }: { command: ExplainerCommand }) {
  return (
    <li className="command" data-testid="explainer-command">
      <div className="command-head">
        <span className="command-label">{command.label}</span>
        <CopyButton
          source={command.command}
          label="Copy"
          accessibleName={`Copy command: ${command.label}`}
          className="button small"
        />
      </div>
      <code className="command-text mono">{command.command}</code>
    </li>
  );
}
