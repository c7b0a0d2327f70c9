import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { submitFeedback } from "../../shared/feedback/intake";
import { demoFeedback } from "./demo-data";

/**
 * Loads the sample data once (a marker item records that it was loaded), through the same intake
 * use case customers go through, dated over the last months. Returns how many items it stored.
 */
export async function loadDemoData(deps: Deps): Promise<number> {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.config.tableName, Key: keys.demoMarker() }));
  if (Item) return 0;
  const items = demoFeedback();
  for (const { input, createdAt } of items) {
    await submitFeedback({ ...deps, now: () => createdAt }, input);
  }
  await deps.db.send(
    new PutCommand({
      TableName: deps.config.tableName,
      Item: { ...keys.demoMarker(), entityType: "DemoMarker", loadedAt: deps.now().toISOString(), count: items.length },
    }),
  );
  return items.length;
}
