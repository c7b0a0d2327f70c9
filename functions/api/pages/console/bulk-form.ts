import type { Principal } from "../../../../shared/auth/principal";
import type { Deps } from "../../../../shared/deps";
import { AppError, ValidationError } from "../../../../shared/errors";
import { type BulkResult, bulkInputSchema, bulkUpdate } from "../../../../shared/feedback/bulk";
import { validate } from "../../middleware/body";
import { isId } from "./common";
import { bulkChangesFrom } from "./forms";

const failure = (id: string, error: AppError): BulkResult => ({
  id,
  ok: false,
  error: { code: error.code, message: error.message },
});

/**
 * Applies the inbox's bulk form through `bulkUpdate`. Tags to add are added to each item's own tags,
 * so each item is changed on its own, with its tags read just before. Ids that cannot be feedback
 * ids fail on their own, without a database call.
 */
export async function applyBulkForm(
  deps: Deps,
  actor: Principal,
  ids: string[],
  form: Record<string, string>,
): Promise<BulkResult[]> {
  const { changes, addTags } = bulkChangesFrom(form);
  if (ids.length === 0) throw new ValidationError("select at least one item first", { ids: "none selected" });
  if (Object.keys(changes).length === 0 && addTags.length === 0) {
    throw new ValidationError("choose at least one change to apply", { changes: "none chosen" });
  }
  const input = validate(bulkInputSchema, {
    ids,
    changes: addTags.length > 0 ? { ...changes, tags: addTags } : changes,
  });
  const unknown = [...new Set(input.ids)].filter((id) => !isId(id));
  const results = unknown.map((id) => failure(id, new AppError(404, "not_found", "feedback not found")));
  const known = [...new Set(input.ids)].filter(isId);
  if (known.length === 0) return results;
  if (addTags.length === 0) return [...results, ...(await bulkUpdate(deps, actor, { ...input, ids: known })).results];
  for (const id of known) {
    try {
      const tags = [...new Set([...(await deps.feedback.get(id)).tags, ...addTags])];
      const one = validate(bulkInputSchema, { ids: [id], changes: { ...input.changes, tags } });
      results.push(...(await bulkUpdate(deps, actor, one)).results);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push(failure(id, error));
    }
  }
  return results;
}
