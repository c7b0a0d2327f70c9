import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
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

interface Checkpoint {
  streamArn: string;
  /** Shard id → sequence number of the last record handled (or skipped by the filter). */
  shards: Record<string, string>;
  /** Closed shards read to their end: a restart must not replay them. */
  finished: string[];
}

interface ShardState {
  id: string;
  parentId: string | undefined;
  iterator?: string;
  finished: boolean;
  /** The tick at which the last GetRecords that came back empty was sent. */
  emptyAt: number;
  /** Failed deliveries in a row, for the backoff. */
  failures: number;
}

/** How often the stream is described again to find new shards when nothing asks for it sooner. */
const DESCRIBE_EVERY_MS = 5_000;
const MAX_RETRY_DELAY_MS = 30_000;

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
  const tempFile = `${checkpointFile}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;

  const pause = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});

  // Temp file + rename: a crash leaves the old checkpoint or the new one, never half of one.
  const save = async (state: Checkpoint) => {
    await mkdir(dirname(checkpointFile), { recursive: true });
    await writeFile(tempFile, JSON.stringify(state, null, 2));
    await rename(tempFile, checkpointFile);
  };

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
      shards.set(id, { id, parentId: shard.ParentShardId, finished, emptyAt: -1, failures: 0 });
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
    const after = state.shards[shard.id];
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

  /** Calls the handler; returns the index of the first record to redeliver, or records.length when all are done. */
  const deliver = async (records: _Record[]): Promise<number> => {
    const converted = records.map((record) => toLambdaRecord(record, streamArn));
    const event = { Records: converted.filter((record) => filter(record)) };
    // A batch the filter emptied is not delivered at all, as with Lambda event filtering.
    if (event.Records.length === 0) return records.length;
    try {
      const result = await handler(event, lambdaContext());
      const failures = result?.batchItemFailures ?? [];
      if (failures.length === 0) return records.length;
      const sequences = converted.map((record) => record.dynamodb?.SequenceNumber);
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

  /** One GetRecords on the shard and the handling of what it returns; true when there was work. */
  const poll = async (state: Checkpoint, shard: ShardState): Promise<boolean> => {
    shard.iterator ??= await iteratorFor(state, shard);
    const mark = ++tick;
    let out: GetRecordsCommandOutput;
    try {
      out = await client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      shard.iterator = undefined; // a fresh iterator from the checkpoint on the next round
      return true;
    }
    const records = out.Records ?? [];
    if (records.length > 0) {
      const done = await deliver(records);
      const last = records[done - 1]?.dynamodb?.SequenceNumber;
      if (last) {
        state.shards[shard.id] = last;
        await save(state);
      }
      if (done < records.length && shard.failures >= maxRetries) {
        // Out of retries: the failing record goes to the on-failure destination, as Lambda bisects
        // down to it and gives it up, and the shard goes on after it.
        const failing = records[done] as _Record;
        options.onDiscard?.(toLambdaRecord(failing, streamArn));
        state.shards[shard.id] = failing.dynamodb?.SequenceNumber ?? "";
        await save(state);
        shard.iterator = undefined;
        shard.failures = 0;
        return true;
      }
      if (done < records.length) {
        // Read again from the checkpoint: the redelivered batch starts at the first failed record.
        shard.iterator = undefined;
        shard.failures += 1;
        await pause(Math.min(retryDelayMs * 2 ** (shard.failures - 1), Math.max(retryDelayMs, MAX_RETRY_DELAY_MS)));
        return true;
      }
      shard.failures = 0;
    } else {
      shard.emptyAt = mark;
    }
    shard.iterator = out.NextShardIterator;
    if (!shard.iterator) {
      // A closed shard read to its end: never again, and its children may start.
      shard.finished = true;
      state.finished.push(shard.id);
      delete state.shards[shard.id];
      await save(state);
      describeDue = true;
    }
    return records.length > 0;
  };

  const settle = (all: boolean) => {
    const ready = (mark: number) =>
      all || (describedAt > mark && [...shards.values()].every((shard) => shard.finished || shard.emptyAt > mark));
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
          if (canStart(shard) && (await poll(checkpoint, shard))) busy = true;
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

/** The saved checkpoint; a missing file is a first start. A corrupt one throws: better stuck than replaying. */
async function loadCheckpoint(file: string, streamArn: string): Promise<Checkpoint> {
  const fresh: Checkpoint = { streamArn, shards: {}, finished: [] };
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return fresh;
  const saved = JSON.parse(text) as Partial<Checkpoint>;
  // A checkpoint of another stream (the table was made anew) says nothing about this one.
  if (saved.streamArn !== streamArn) return fresh;
  return { streamArn, shards: { ...saved.shards }, finished: [...(saved.finished ?? [])] };
}
