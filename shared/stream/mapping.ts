/**
 * Batches of one stream shard handled side by side, the records of one item (one partition key)
 * kept in order: Lambda's `parallelizationFactor` in the CDK event source mapping, and the local
 * poller's lanes, so both hosts run the lanes of a large fan-out in parallel.
 */
export const STREAM_PARALLELIZATION_FACTOR = 10;
