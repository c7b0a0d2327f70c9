import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from "@aws-sdk/client-dynamodb";
import type { DocumentClient } from "../../shared/db/client";

/** The faults the service raises and DynamoDB Local never does. */
export type FaultKind =
  | "conflict"
  | "throttle"
  | "timeout-after-write"
  | "cancelled-by-conflict"
  | "cancelled-by-throttle"
  | "internal";

export interface FaultRule {
  /** The low-level command, e.g. "UpdateItemCommand", "TransactWriteItemsCommand", "QueryCommand". */
  command: string;
  /** Which calls of that command fail: given the command's (unmarshalled) input. */
  match?: (input: Record<string, unknown>) => boolean;
  fault: FaultKind;
  /** How many matching calls fail before they pass (default: every one). */
  times?: number;
}

export interface InjectedFaults {
  /** How many faults each rule raised so far, in rule order. */
  raised: number[];
  /** Stops injecting. */
  remove(): void;
}

const meta = { $metadata: {} };

function faultError(kind: FaultKind): Error {
  switch (kind) {
    case "conflict":
      return new TransactionConflictException({ message: "Transaction is ongoing for the item", ...meta });
    case "cancelled-by-conflict":
      return new TransactionCanceledException({
        message: "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
        CancellationReasons: [{ Code: "TransactionConflict", Message: "Transaction is ongoing for the item" }],
        ...meta,
      });
    case "cancelled-by-throttle":
      return new TransactionCanceledException({
        message: "Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError]",
        CancellationReasons: [{ Code: "ThrottlingError", Message: "Throughput exceeds the current capacity" }],
        ...meta,
      });
    case "throttle":
      return new ProvisionedThroughputExceededException({
        message: "The level of configured provisioned throughput for the table was exceeded",
        ...meta,
      });
    case "internal":
      return Object.assign(new Error("Internal server error"), { name: "InternalServerError", $fault: "server" });
    case "timeout-after-write":
      return Object.assign(new Error("socket hang up"), { name: "TimeoutError", code: "ECONNRESET" });
  }
}

/**
 * Makes the document client fail chosen commands the way the service can: a transaction
 * conflict, throttling, or a timeout whose write did land (the answer was lost on the way back).
 * It sits before the SDK's own retries, so each rule counts every call the code makes.
 */
export function injectFaults(db: DocumentClient, rules: FaultRule[]): InjectedFaults {
  const raised = rules.map(() => 0);
  let active = true;
  const name = `faults-${Math.random().toString(36).slice(2)}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const index = active
        ? rules.findIndex(
            (rule, i) =>
              rule.command === context.commandName &&
              (rule.times === undefined || (raised[i] ?? 0) < rule.times) &&
              (rule.match?.(input) ?? true),
          )
        : -1;
      const rule = rules[index];
      if (!rule) return next(args);
      raised[index] = (raised[index] ?? 0) + 1;
      if (rule.fault === "timeout-after-write") {
        await next(args);
        throw faultError(rule.fault);
      }
      throw faultError(rule.fault);
    },
    { step: "initialize", name, priority: "high" },
  );
  return {
    raised,
    remove() {
      active = false;
      db.middlewareStack.remove(name);
    },
  };
}
