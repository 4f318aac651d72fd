/**
 * `apsd-watch redact`: prints a capture (netstat, `log show`, `apsctl status`, anything textual)
 * with this Mac's local addresses, host names and user names replaced by placeholders, through
 * the report's own redactor, and push tokens removed by the one token scrubber: one set of rules
 * for the report, the workflow's captures and a paste for a forum. Streams line by line; lines it cannot read are counted and said.
 */
import { inputLines } from '../../core/input/input-lines';
import { collectPrivacyFacts } from '../../core/report/privacy-facts';
import { createRedactor } from '../../core/report/redact';
import { scrubTokens } from '../../core/push-clients/scrub-tokens';
import { UsageError, type CliCommand } from '../command';
import { openCliInput } from '../read-input';

export const redactCommand: CliCommand = {
  args: '<file|->',
  flags: {},
  notes: [
    "Replaces this Mac's local addresses, host names and user names with placeholders, by the report's own rules, and removes push tokens, in any text: netstat, log show, apsctl status. Lines it cannot read are counted and said.",
  ],
  async run(_values, positionals, io) {
    if (positionals.length !== 1)
      throw new UsageError('expected one file, or - for standard input');
    const redact = createRedactor(collectPrivacyFacts(io.env), null);
    const input = await openCliInput(positionals[0]!, io);
    try {
      const lines = inputLines(input);
      for await (const batch of lines.batches())
        io.stdout.write(batch.map((line) => `${scrubTokens(redact(line))}\n`).join(''));
      const problems = lines.problems();
      if (problems.length) {
        io.stderr.write(
          `apsd-watch redact: ${input.label}: not all printed: ${problems.join('; ')}\n`,
        );
        return 1;
      }
      return 0;
    } finally {
      await input.close();
    }
  },
};
