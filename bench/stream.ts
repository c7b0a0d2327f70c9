import { writeFileSync } from "node:fs";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";

/**
 * Writes the poller's checkpoint file at the current end of every shard of the stream, so that
 * the poller starts after the seed's records instead of replaying them (it resumes after a
 * checkpoint, as it does after a restart). Returns the records skipped.
 */
export async function checkpointAtEnd(endpoint: string, streamArn: string, file: string): Promise<number> {
  const client = new DynamoDBStreamsClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
  });
  const shards: Record<string, string> = {};
  const finished: string[] = [];
  let skipped = 0;
  try {
    const ids: string[] = [];
    let start: string | undefined;
    do {
      const out = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      for (const shard of out.StreamDescription?.Shards ?? []) if (shard.ShardId) ids.push(shard.ShardId);
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const id of ids) {
      let iterator = (
        await client.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: "TRIM_HORIZON" }),
        )
      ).ShardIterator;
      let last: string | undefined;
      while (iterator) {
        const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const records = out.Records ?? [];
        skipped += records.length;
        last = records.at(-1)?.dynamodb?.SequenceNumber ?? last;
        iterator = out.NextShardIterator;
        if (records.length === 0) break; // an open shard read to its current end
      }
      if (!iterator) finished.push(id);
      else if (last) shards[id] = last;
    }
  } finally {
    client.destroy();
  }
  writeFileSync(file, JSON.stringify({ streamArn, shards, finished }, null, 2));
  return skipped;
}
