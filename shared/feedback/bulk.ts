import * as z from "zod/mini";
import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import { feedbackPatchSchema } from "../entities/feedback";
import { AppError } from "../errors";
import { updateFeedback } from "./triage";

/** `POST /api/feedback/bulk`: the same changes for many items (no note, no version: each is read fresh). */
export const bulkInputSchema = z.object({
  ids: z
    .array(z.string("ids must be feedback ids"), "ids must be a list of feedback ids")
    .check(z.minLength(1, "ids must name at least one item"), z.maxLength(100, "at most 100 items at once")),
  changes: z.omit(feedbackPatchSchema, { version: true, note: true }),
});
export type BulkInput = z.infer<typeof bulkInputSchema>;

/**
 * What became of one item of a change for many (bulk changes, links to a goal or an action): done
 * (with the item's new version, where it has one), or refused with an error code and message.
 */
export const itemResultSchema = z.union([
  z.object({ id: z.string(), ok: z.literal(true), version: z.optional(z.number()) }),
  z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type BulkResult = z.infer<typeof itemResultSchema>;

/** The answer of a change for many items: one result per distinct id asked for, in order. */
export const itemResultsSchema = z.object({ results: z.array(itemResultSchema) });

/**
 * Applies the same changes to many items, each as its own versioned change on its own timeline.
 * An item changed by someone else meanwhile is read again and retried once; what still fails is
 * reported per item, and the others are not held back by it.
 */
export async function bulkUpdate(deps: Deps, actor: Principal, input: BulkInput): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    results.push(await updateOne(deps, actor, id, input.changes));
  }
  return { results };
}

async function updateOne(deps: Deps, actor: Principal, id: string, changes: BulkInput["changes"]): Promise<BulkResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const current = await deps.feedback.get(id);
      const updated = await updateFeedback(deps, actor, id, { ...changes, version: current.version });
      return { id, ok: true, version: updated.version };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "version_conflict" && attempt === 0) continue;
      return { id, ok: false, error: { code: error.code, message: error.message } };
    }
  }
}
