/**
 * Runs every side once per round, starting each round one side later, so slow drifts in the
 * machine's load (it is shared) fall on every side alike rather than on whichever runs last.
 */
export interface Side {
  name: string;
  run(): Promise<void>;
}

export async function alternate(
  rounds: number,
  sides: readonly Side[],
  beforeRound?: (round: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await beforeRound?.(round);
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(round + i) % sides.length]!;
      try {
        await side.run();
      } catch (error) {
        throw new Error(
          `${side.name}: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
        );
      }
    }
  }
}
