import DataLoader from "dataloader";

/**
 * Gathers what side-by-side callers hand in at about the same moment (within `waitMs` of the first)
 * into calls of `write` with up to `max` of them: for many senders that each store one item that
 * stands alone, one request stands in for many. Each caller's promise settles when the call that
 * carries its item does, so what follows it (a send) still comes after it, and a failed call
 * rejects each of its callers, and only those.
 */
export function gathered<T>(
  write: (items: T[]) => Promise<void>,
  options: { max: number; waitMs: number },
): (item: T) => Promise<void> {
  const loader = new DataLoader<T, void>(
    async (items) => {
      try {
        await write([...items]);
        return items.map(() => undefined);
      } catch (error) {
        const failed = error instanceof Error ? error : new Error(String(error));
        return items.map(() => failed);
      }
    },
    { cache: false, maxBatchSize: options.max, batchScheduleFn: (run) => setTimeout(run, options.waitMs) },
  );
  return (item) => loader.load(item);
}
