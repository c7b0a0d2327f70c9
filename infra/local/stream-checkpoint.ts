import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Where the local stream poller has got to in a stream, kept across restarts. */
export interface Checkpoint {
  streamArn: string;
  /** Shard id → sequence number of the last record handled (or skipped by the filter). */
  shards: Record<string, string>;
  /** Closed shards read to their end: a restart must not replay them. */
  finished: string[];
}

/** The saved checkpoint; a missing file is a first start. A corrupt one throws: better stuck than replaying. */
export async function loadCheckpoint(file: string, streamArn: string): Promise<Checkpoint> {
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

/**
 * Saves checkpoints to `file`: through a temp file and a rename, so a crash leaves the old
 * checkpoint or the new one, never half of one. Saves run one after another (lanes finish side by
 * side), each writing the state as it is by then; `saved` waits for the last one.
 */
export function checkpointWriter(file: string): {
  save: (state: Checkpoint) => Promise<void>;
  saved: () => Promise<void>;
} {
  const tempFile = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  let saving: Promise<void> = Promise.resolve();
  return {
    save(state) {
      saving = saving
        .catch(() => {})
        .then(async () => {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(tempFile, JSON.stringify(state, null, 2));
          await rename(tempFile, file);
        });
      return saving;
    },
    saved: () => saving.catch(() => {}),
  };
}
