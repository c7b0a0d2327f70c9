import { startDynamoDbLocal } from "../infra/local/dynamodb";
import { logger } from "../shared/logger";
import { type ClosedLoopCapacity, measureClosedLoop } from "./closed-loop";

/** On-demand prices assumed for the cost figures: US East (N. Virginia), as published from 2024-11-01. */
export const onDemandPrices = {
  region: "us-east-1",
  since: "2024-11-01",
  dollarsPerMillionWriteUnits: 0.625,
  dollarsPerMillionReadUnits: 0.125,
};

export interface CapacityBench {
  /** One customer alone on a goal and an action: every write of the loop is theirs. */
  alone: ClosedLoopCapacity;
  /** Many customers on one action: the action's own writes are shared. */
  shared: ClosedLoopCapacity;
  /** Dollars per million closed loops of one customer alone, at `onDemandPrices`. */
  dollarsPerMillionLoops: number;
}

/**
 * Billed capacity of closed loops, by the service's rules (`capacity-model.ts`), on an in-memory
 * DynamoDB Local: one customer alone, and 20 customers sharing a goal and an action.
 */
export async function benchCapacity(): Promise<CapacityBench> {
  const db = await startDynamoDbLocal();
  const level = logger.getLevelName();
  logger.setLogLevel("ERROR");
  try {
    const alone = await measureClosedLoop(db.endpoint, 1);
    const shared = await measureClosedLoop(db.endpoint, 20);
    const dollarsPerMillionLoops =
      alone.total.writeUnits * onDemandPrices.dollarsPerMillionWriteUnits +
      alone.total.readUnits * onDemandPrices.dollarsPerMillionReadUnits;
    return { alone, shared, dollarsPerMillionLoops };
  } finally {
    logger.setLogLevel(level);
    await db.stop();
  }
}

/** The shape other tools read from `.bench/results/capacity.json`. */
export function capacityResult(bench: CapacityBench) {
  return {
    closedLoop: {
      billedWriteUnits: round(bench.alone.total.writeUnits),
      billedReadUnits: round(bench.alone.total.readUnits),
    },
    steps: bench.alone.steps.map((s) => ({
      name: s.name,
      billedWriteUnits: round(s.figures.writeUnits),
      indexWriteUnits: round(s.figures.indexWriteUnits),
      transactionSurcharge: round(s.figures.transactionSurcharge),
      billedReadUnits: round(s.figures.readUnits),
    })),
    sharedAction: {
      customers: bench.shared.customers,
      billedWriteUnitsPerCustomer: round(bench.shared.total.writeUnits),
      billedReadUnitsPerCustomer: round(bench.shared.total.readUnits),
    },
    dollarsPerMillionLoops: round(bench.dollarsPerMillionLoops),
    prices: onDemandPrices,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The BENCHMARKS.md section. */
export function capacitySection(bench: CapacityBench): string {
  const f = (n: number) => round(n).toLocaleString("en");
  const rows = bench.alone.steps.map((s, i) => {
    const shared = bench.shared.steps[i]?.figures;
    return `| ${s.name} | ${f(s.figures.writeUnits)} | ${f(s.figures.indexWriteUnits)} | ${f(s.figures.transactionSurcharge)} | ${f(s.figures.readUnits)} | ${shared ? f(shared.writeUnits) : ""} |`;
  });
  const top = Object.entries(
    bench.alone.steps.reduce<Record<string, number>>((all, s) => {
      for (const [entity, units] of Object.entries(s.figures.writesByEntity)) all[entity] = (all[entity] ?? 0) + units;
      return all;
    }, {}),
  )
    .sort((a, b) => b[1] - a[1])
    .map(([entity, units]) => `${entity} ${f(units)}`)
    .join(", ");
  return `## Capacity per closed loop

What DynamoDB on demand would bill for one closed loop, priced command by command by the service's
documented rules (\`bench/capacity-model.ts\`), not by DynamoDB Local's own figures, which
under-report transactions and index writes. Each step is a request through the real app (API
token) and everything the stream function and the mail delivery did after it. Index entries are
sized by each index's projection; a transaction's table writes count twice and its index entries
once (an assumption the documentation leaves open).

| step | write units | of which index entries | of which transaction surcharge | read units | write units per customer, ${bench.shared.customers} on one action |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}
| **closed loop** | **${f(bench.alone.total.writeUnits)}** | | | **${f(bench.alone.total.readUnits)}** | **${f(bench.shared.total.writeUnits)}** |

Write units by what was written: ${top}.

At on-demand prices (${onDemandPrices.region}, from ${onDemandPrices.since}: $${onDemandPrices.dollarsPerMillionWriteUnits} per million write
units, $${onDemandPrices.dollarsPerMillionReadUnits} per million read units), a million closed loops of one customer each cost
**$${bench.dollarsPerMillionLoops.toFixed(2)}** in DynamoDB requests (storage, streams and Lambda not included).

Aim: at most 50 write units per closed loop (stretch: 30).
`;
}
