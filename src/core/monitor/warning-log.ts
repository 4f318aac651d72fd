/** The engine's visible warnings: the newest few, each once, so a repeating fault never floods. */
export class WarningLog {
  private readonly recent: string[] = [];

  constructor(
    private readonly limit = 8,
    private readonly onNew: (warning: string) => void = () => {},
  ) {}

  /** Adds a one-line warning; returns true when it was not already among the recent ones. */
  add(warning: string): boolean {
    const line = warning.split('\n')[0]!.trim();
    if (!line) return false;
    const at = this.recent.indexOf(line);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(line);
    if (this.recent.length > this.limit) this.recent.shift();
    if (at < 0) this.onNew(line);
    return at < 0;
  }

  list(): string[] {
    return [...this.recent];
  }
}
