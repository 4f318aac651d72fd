/** One question as a disclosure: the answer beside this Mac's live evidence, commands, unknowns. */
import type { ExplainerSection as Section } from '../../shared/explainer';
import { CommandLine } from './command-line';

export function ExplainerSection({ section }: { section: Section }) {
  return (
    <details className="explainer-section" data-testid="explainer-section" data-id={section.id}>
      <summary className="explainer-question">{section.question}</summary>
      <div className="explainer-body">
        {section.answer.map((sentence) => (
          <p key={sentence} className="explainer-answer">
            {sentence}
          </p>
        ))}
        {section.evidence.length > 0 ? (
          <div className="evidence" data-testid="explainer-evidence">
            <h3 className="evidence-title">On this Mac now</h3>
            <ul>
              {section.evidence.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {section.commands.length > 0 ? (
          <div>
            <h3 className="sub-title">Check it yourself</h3>
            <ul className="commands">
              {section.commands.map((command) => (
                <CommandLine key={command.command} command={command} />
              ))}
            </ul>
          </div>
        ) : null}
        {section.caveats.length > 0 ? (
          <div className="caveats">
            <h3 className="sub-title">Not known</h3>
            <ul>
              {section.caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </details>
  );
}
