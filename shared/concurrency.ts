/** Runs `task` over `values`, at most `limit` at a time. */
export async function forEachLimit<T>(values: T[], limit: number, task: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < values.length) await task(values[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}
