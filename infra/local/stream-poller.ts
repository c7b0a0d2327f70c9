import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from "@aws-sdk/client-dynamodb-streams";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { type Checkpoint, checkpointWriter, loadCheckpoint } from "./stream-checkpoint";
import { lambdaContext, toLambdaRecord } from "./stream-records";

/** Options of {@link startStreamPoller}; the defaults are those of a Lambda event source mapping where one exists. */
export interface StreamPollerOptions {
  endpoint: string;
  streamArn: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: as aws-lambda's own handler type; an async handler may return nothing.
  handler: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;
  /** JSON file of the last handled sequence number per shard; kept across restarts. */
  checkpointFile: string;
  /** The local twin of Lambda event filtering: records it rejects are skipped, not delivered. */
  filter?: (record: DynamoDBRecord) => boolean;
  /** Wait after a round in which no shard had records (default 200 ms). */
  idleMs?: number;
  /** GetRecords Limit, so the most records one event holds (default 100). */
  batchSize?: number;
  /**
   * Batches of one shard handled side by side, as the event source mapping's `parallelizationFactor`
   * (default 1: one batch at a time). Each record goes to one of this many lanes by its
   * partition key, so the records of one key keep their order; each lane hands its records to the
   * handler a batch at a time while the shard is read on, and the checkpoint only moves past
   * records that every lane has finished with.
   */
  parallelizationFactor?: number;
  /** The key attribute records are spread over lanes by (default `PK`, the table's partition key). */
  partitionKey?: string;
  /** First wait before redelivering a failed batch; doubles on each further failure (default 1000 ms). */
  retryDelayMs?: number;
  /**
   * Redeliveries of a failing record before it is given up, as the event source mapping's
   * `retryAttempts` (default: never given up, so nothing is lost locally). A record given up is
   * handed to `onDiscard` (Lambda's on-failure destination) and the rest of the shard goes on.
   */
  maxRetries?: number;
  onDiscard?: (record: DynamoDBRecord) => void;
  onError?: (error: unknown) => void;
}

/** A running poller. */
export interface StreamPoller {
  /** Finishes the batch in flight (a failed one is not retried any more), then stops. */
  stop(): Promise<void>;
  /** Resolves once every shard has been read to its end after this call (or the poller stopped). */
  idle(): Promise<void>;
}

interface ShardState {
  id: string;
  parentId: string | undefined;
  iterator?: string;
  finished: boolean;
  /** The tick at which the last GetRecords that came back empty was sent. */
  emptyAt: number;
  /** The records read and not yet checkpointed, in stream order. */
  window?: Pending[];
  /** The lanes the shard's records are spread over. */
  lanes?: Lane[];
  /** The last record read (an iterator taken anew resumes after it, not the checkpoint). */
  readTo?: string;
  /** The shard is closed and read to its end; it finishes once its window is empty. */
  ended?: boolean;
  /**
   * The tick at which a lane last finished a batch. What that batch wrote is read
   * only by a GetRecords sent after it, so the shard is idle only after an empty one sent later.
   */
  handledAt?: number;
}

/** A record read and not yet checkpointed; `done` once handled, skipped by the filter, or given up. */
interface Pending {
  record: _Record;
  event: DynamoDBRecord;
  done: boolean;
}

/** One lane of a shard read side by side: its records in stream order, and its delivery state. */
interface Lane {
  queue: Pending[];
  running: boolean;
  /** Failed deliveries in a row, for the backoff. */
  failures: number;
}

/** How often the stream is described again to find new shards when nothing asks for it sooner. */
const DESCRIBE_EVERY_MS = 5_000;
const MAX_RETRY_DELAY_MS = 30_000;
/** Side by side: how often a shard read to its tip is read again while its lanes are at work (Lambda polls 4 times a second). */
const TIP_POLL_MS = 250;

/**
 * Polls a DynamoDB stream and calls `handler` the way a Lambda event source mapping does, for hosts
 * without Lambda (DynamoDB Local has streams but no triggers). Shards are read parents first, each
 * batch is checkpointed to `checkpointFile` once handled, failures are retried (forever unless
 * `maxRetries` says otherwise) and a partial batch response redelivers from the first failed record, so
 * delivery is at least once, and exactly once unless the process dies mid-batch.
 */
export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const { endpoint, streamArn, handler, checkpointFile, filter = () => true } = options;
  const { idleMs = 200, batchSize = 100, retryDelayMs = 1000, maxRetries = Number.POSITIVE_INFINITY } = options;
  const { parallelizationFactor = 1, partitionKey = "PK" } = options;
  if (!Number.isInteger(parallelizationFactor) || parallelizationFactor < 1 || parallelizationFactor > 10) {
    throw new Error("parallelizationFactor must be a whole number from 1 to 10, as Lambda's");
  }
  const onError = options.onError ?? ((error: unknown) => console.error("stream poller:", error));
  const credentials = { accessKeyId: "local", secretAccessKey: "local" };
  const client = new DynamoDBStreamsClient({ endpoint, region: "local", credentials });
  const stopping = new AbortController();
  const shards = new Map<string, ShardState>();
  let checkpoint: Checkpoint | undefined;
  // Ticks order requests against idle() calls: a read counts only if it was *sent* after the call.
  let tick = 0;
  let describedAt = -1;
  let lastDescribe = 0;
  let describeDue = true;
  let waiters: { mark: number; resolve: () => void }[] = [];

  const pause = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});

  const { save, saved } = checkpointWriter(checkpointFile);

  const describe = async (state: Checkpoint) => {
    const mark = ++tick;
    const listed: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      listed.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const ids = new Set(listed.flatMap((shard) => (shard.ShardId ? [shard.ShardId] : [])));
    for (const shard of listed) {
      const id = shard.ShardId;
      if (!id || shards.has(id)) continue;
      const finished = state.finished.includes(id);
      shards.set(id, { id, parentId: shard.ParentShardId, finished, emptyAt: -1 });
    }
    // Shards past the stream's retention (24 h) are no longer listed: forget them (the next save
    // drops them from the file too) so the checkpoint does not grow forever. An empty listing
    // proves nothing, and forgetting then would replay everything.
    if (ids.size > 0) {
      for (const id of shards.keys()) if (!ids.has(id)) shards.delete(id);
      for (const id of Object.keys(state.shards)) if (!ids.has(id)) delete state.shards[id];
      state.finished = state.finished.filter((id) => ids.has(id));
    }
    describedAt = mark;
    lastDescribe = Date.now();
    describeDue = false;
  };

  /** Resumes after the shard's checkpoint, or at its oldest record when it has none. */
  const iteratorFor = async (state: Checkpoint, shard: ShardState) => {
    const after = shard.readTo ?? state.shards[shard.id];
    const get = async (SequenceNumber?: string) => {
      const type = SequenceNumber ? "AFTER_SEQUENCE_NUMBER" : "TRIM_HORIZON";
      const input = { StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber } as const;
      const iterator = (await client.send(new GetShardIteratorCommand(input))).ShardIterator;
      if (!iterator) throw new Error(`no ${type} iterator for shard ${shard.id}`);
      return iterator;
    };
    return get(after).catch((error: unknown) => {
      if (!after || !(error instanceof TrimmedDataAccessException)) throw error;
      // The checkpoint is older than the retention (24 h): the oldest record left is the best there is.
      onError(new Error(`stream records after ${after} in shard ${shard.id} were trimmed; resuming at the oldest`));
      return get();
    });
  };

  /** Calls the handler with these records; returns the index of the first to redeliver, or records.length. */
  const handle = async (records: DynamoDBRecord[]): Promise<number> => {
    try {
      const result = await handler({ Records: records }, lambdaContext());
      const failures = result?.batchItemFailures ?? [];
      if (failures.length === 0) return records.length;
      const sequences = records.map((record) => record.dynamodb?.SequenceNumber);
      const indexes = failures.map((failure) =>
        failure?.itemIdentifier ? sequences.indexOf(failure.itemIdentifier) : -1,
      );
      // Lambda treats a failure it cannot place (empty or unknown identifier) as a failure of the whole batch.
      if (indexes.some((index) => index < 0)) throw new Error(`batchItemFailures names no record of the batch`);
      return Math.min(...indexes);
    } catch (error) {
      onError(error);
      return 0;
    }
  };

  // Side by side: a lane's batch that ends wakes whoever waits for room in the window.
  const lanesRunning = new Set<Promise<void>>();
  let progressed = () => {};
  let progress = new Promise<void>((resolve) => {
    progressed = resolve;
  });
  const signalProgress = () => {
    progressed();
    progress = new Promise<void>((resolve) => {
      progressed = resolve;
    });
  };
  const laneOf = (record: DynamoDBRecord) => {
    const key = JSON.stringify(record.dynamodb?.Keys?.[partitionKey] ?? record.dynamodb?.Keys ?? null);
    return createHash("sha1").update(key).digest().readUInt32BE(0) % parallelizationFactor;
  };

  /** Moves the checkpoint past the records at the head of the window that are done. */
  const advance = async (state: Checkpoint, shard: ShardState) => {
    const window = shard.window ?? [];
    let last: Pending | undefined;
    while (window[0]?.done) last = window.shift();
    const sequence = last?.record.dynamodb?.SequenceNumber;
    if (sequence) {
      state.shards[shard.id] = sequence;
      await save(state);
    }
  };

  /**
   * Hands a lane's records to the handler, a batch at a time, until its queue is empty (or the
   * poller stops). A failed batch is delivered again from its first failed record after a growing
   * delay, holding back the lane's later records (its keys' order) but no other lane; out of
   * retries, that record goes to `onDiscard` and the lane goes on after it.
   */
  const pump = (state: Checkpoint, shard: ShardState, lane: Lane) => {
    if (lane.running || lane.queue.length === 0 || stopping.signal.aborted) return;
    lane.running = true;
    const run = (async () => {
      while (lane.queue.length > 0 && !stopping.signal.aborted) {
        try {
          const batch = lane.queue.slice(0, batchSize);
          const done = await handle(batch.map((pending) => pending.event));
          shard.handledAt = ++tick;
          for (const pending of batch.slice(0, done)) pending.done = true;
          lane.queue.splice(0, done);
          if (done === batch.length) {
            lane.failures = 0;
          } else if (lane.failures >= maxRetries) {
            const failing = batch[done] as Pending;
            options.onDiscard?.(failing.event);
            failing.done = true;
            lane.queue.shift();
            lane.failures = 0;
          } else {
            lane.failures += 1;
            await pause(Math.min(retryDelayMs * 2 ** (lane.failures - 1), Math.max(retryDelayMs, MAX_RETRY_DELAY_MS)));
          }
          await advance(state, shard);
        } catch (error) {
          onError(error);
          await pause(retryDelayMs);
        } finally {
          signalProgress();
        }
      }
    })().finally(() => {
      lane.running = false;
      lanesRunning.delete(run);
      signalProgress();
    });
    lanesRunning.add(run);
  };

  /**
   * Side by side: reads the shard on while there is room in its window (as many records as its lanes
   * take in one batch each) and spreads what it reads over the lanes; a closed shard finishes once
   * every record of it is done. True when there was work.
   */
  const pollAhead = async (state: Checkpoint, shard: ShardState): Promise<boolean> => {
    shard.window ??= [];
    shard.lanes ??= Array.from({ length: parallelizationFactor }, () => ({ queue: [], running: false, failures: 0 }));
    const { window, lanes } = shard;
    for (const lane of lanes) pump(state, shard, lane);
    if (shard.ended) {
      if (window.length > 0 || lanes.some((lane) => lane.running)) {
        await Promise.race([progress, pause(idleMs)]);
        return true;
      }
      shard.finished = true;
      state.finished.push(shard.id);
      delete state.shards[shard.id];
      await save(state);
      describeDue = true;
      return false;
    }
    if (window.length >= parallelizationFactor * batchSize) {
      await Promise.race([progress, pause(idleMs)]);
      return true;
    }
    shard.iterator ??= await iteratorFor(state, shard);
    const mark = ++tick;
    let out: GetRecordsCommandOutput;
    try {
      out = await client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      shard.iterator = undefined; // a fresh iterator after the last record read, on the next round
      return true;
    }
    const records = out.Records ?? [];
    for (const record of records) {
      const event = toLambdaRecord(record, streamArn);
      // A record the filter rejects is not delivered, as with Lambda event filtering, and counts as handled.
      const pending = { record, event, done: !filter(event) };
      window.push(pending);
      if (!pending.done) lanes[laneOf(event)]?.queue.push(pending);
    }
    shard.readTo = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.readTo;
    for (const lane of lanes) pump(state, shard, lane);
    await advance(state, shard);
    shard.iterator = out.NextShardIterator;
    if (!shard.iterator) shard.ended = true;
    if (records.length === 0) shard.emptyAt = mark;
    if (records.length === 0 && window.length === 0) return false;
    // At the shard's tip while lanes are at work: read again once they are all done, or after a
    // quarter of a second (Lambda's polling rate), not after every batch, so the records of the
    // lanes' writes are read together instead of a few per request.
    if (records.length < batchSize) {
      const until = Date.now() + TIP_POLL_MS;
      while (lanes.some((lane) => lane.running) && Date.now() < until && !stopping.signal.aborted) {
        await Promise.race([progress, pause(until - Date.now())]);
      }
    }
    return true;
  };

  const settle = (all: boolean) => {
    const drained = (shard: ShardState) => (shard.window?.length ?? 0) === 0;
    const ready = (mark: number) =>
      all ||
      (describedAt > mark &&
        [...shards.values()].every(
          (shard) => shard.finished || (shard.emptyAt > Math.max(mark, shard.handledAt ?? -1) && drained(shard)),
        ));
    const done = waiters.filter((waiter) => ready(waiter.mark));
    waiters = waiters.filter((waiter) => !done.includes(waiter));
    for (const waiter of done) waiter.resolve();
  };

  const canStart = (shard: ShardState) => {
    const parent = shard.parentId ? shards.get(shard.parentId) : undefined;
    // A parent no longer listed is past retention: nothing of it is left to come first.
    return !shard.finished && (!parent || parent.finished);
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        checkpoint ??= await loadCheckpoint(checkpointFile, streamArn);
        if (describeDue || Date.now() - lastDescribe >= DESCRIBE_EVERY_MS) await describe(checkpoint);
        let busy = false;
        for (const shard of shards.values()) {
          if (stopping.signal.aborted) break;
          if (canStart(shard) && (await pollAhead(checkpoint, shard))) busy = true;
        }
        settle(false);
        if (!busy) await pause(idleMs);
      } catch (error) {
        onError(error);
        await pause(retryDelayMs);
      }
    }
  })();

  return {
    async stop() {
      stopping.abort();
      await loop;
      // The lanes' batches in flight finish (a failed one is not retried any more) and are checkpointed.
      while (lanesRunning.size > 0) await Promise.all([...lanesRunning]);
      await saved();
      client.destroy();
      settle(true);
    },
    idle() {
      if (stopping.signal.aborted) return Promise.resolve();
      describeDue = true; // shards created since the last describe count too
      return new Promise((resolve) => waiters.push({ mark: tick, resolve }));
    },
  };
}
