import { forEachLimit } from "../concurrency";

/** How many due entries one page of a sweep takes on. */
export const SWEEP_PAGE = 100;
/** A sweep claims nothing more once less than this is left of its time: a send and its mark must fit. */
export const SWEEP_RESERVE_MS = 15_000;

/**
 * Goes once through an outbox's due list, a page at a time, handing each due entry to `send` (a
 * few at once), and stops taking on more when its invocation's time runs low (`deadline`, epoch
 * ms) or when `stop` says so after a page; what is left is due for the next sweep. Counts what
 * each send came to.
 */
export async function sweepDue<K, O extends string>(options: {
  page: (
    limit: number,
    startKey?: Record<string, unknown>,
  ) => Promise<{ keys: K[]; lastKey?: Record<string, unknown> }>;
  send: (key: K) => Promise<O>;
  deadline: number;
  pageSize?: number;
  concurrency: number;
  stop?: (outcomes: Partial<Record<O, number>>) => Promise<boolean>;
}): Promise<Partial<Record<O, number>>> {
  const outcomes: Partial<Record<O, number>> = {};
  const timeLeft = () => options.deadline - Date.now() > SWEEP_RESERVE_MS;
  let startKey: Record<string, unknown> | undefined;
  do {
    if (!timeLeft()) break;
    const page = await options.page(options.pageSize ?? SWEEP_PAGE, startKey);
    await forEachLimit(page.keys, options.concurrency, async (key) => {
      // Past the reserve, an entry not yet begun is left for the next sweep.
      if (!timeLeft()) return;
      const outcome = await options.send(key);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    });
    if (options.stop && (await options.stop(outcomes))) break;
    startKey = page.lastKey;
  } while (startKey);
  return outcomes;
}
