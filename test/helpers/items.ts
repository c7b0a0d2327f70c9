import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { feedbackListKey, feedbackPartitions } from "../../shared/db/keys";
import { indexNames } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";
import type { MailTransport } from "../../shared/mail/types";
import { acknowledge, writeAcknowledgement } from "../../shared/notifications/acknowledge";
import type { DeliveryBudget } from "../../shared/notifications/deliver";

/** Every feedback item in the table, newest first, read through every shard of the newest-first index. */
export async function allFeedbackIds(deps: Deps): Promise<string[]> {
  const pages = await Promise.all(
    feedbackPartitions(feedbackListKey).map(async (partition) => {
      const { Items = [] } = await deps.db.send(
        new QueryCommand({
          TableName: deps.config.tableName,
          IndexName: indexNames.lists,
          KeyConditionExpression: "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": partition },
        }),
      );
      return Items.map((item) => String(item.id));
    }),
  );
  return pages.flat().sort((a, b) => b.localeCompare(a));
}

/** What the stream does on a new item's first record: sends the acknowledgement it owes. */
export async function acknowledgeNew(
  deps: Deps,
  transport: MailTransport,
  id: string,
  budget: DeliveryBudget = { deadline: Date.now() + 60_000 },
) {
  return acknowledge(deps, transport, await deps.feedback.get(id), budget);
}

/** An owed acknowledgement written but not sent, as a stream delivery cut off after its write leaves it. */
export async function pendingAcknowledgement(deps: Deps, id: string) {
  const feedback = await deps.feedback.get(id);
  if (!feedback.email || !feedback.emailHash) throw new Error(`${id} has no address`);
  return writeAcknowledgement(deps, { ...feedback, email: feedback.email, emailHash: feedback.emailHash }, false);
}
