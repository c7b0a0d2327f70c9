import * as z from "zod/mini";
import { localizedInput, storedTextSchema } from "../i18n/texts";

export const actionStatuses = ["proposed", "planned", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** proposed → planned → in_progress → done, or dropped from any but done; a forward move may skip steps, none goes back. */
export const actionTransitions: Record<ActionStatus, readonly ActionStatus[]> = {
  proposed: ["planned", "in_progress", "done", "dropped"],
  planned: ["in_progress", "done", "dropped"],
  in_progress: ["done", "dropped"],
  done: [],
  dropped: [],
};

const text = (field: string, min: number, max: number) =>
  z
    .string(`${field} must be a string`)
    .check(z.minLength(min, `${field} is required`), z.maxLength(max, `${field} must be at most ${max} characters`));

/** An action as stored: the how, chosen by the people who do the work. */
export const actionSchema = z.object({
  id: z.string(),
  goalId: z.string(),
  /** Every text customers or the public read is kept per language. */
  title: storedTextSchema,
  description: z.optional(z.string()),
  /** A team's name or a staff id. */
  owner: z.optional(z.string()),
  dueDate: z.optional(z.string()),
  status: z.enum(actionStatuses),
  /** Staff's summary of what customers asked: shown publicly instead of anyone's own words. */
  youSaid: z.optional(storedTextSchema),
  weWill: z.optional(storedTextSchema),
  weDid: z.optional(storedTextSchema),
  /** Why an action that was promised will not happen: its customers are told. */
  dropReason: z.optional(storedTextSchema),
  /** Staff id of who changed it last: the linked items' timelines name them. */
  updatedBy: z.optional(z.string()),
  plannedAt: z.optional(z.string()),
  /** When the "we will" update began (planned with a weWill text): later-linked feedback gets it too. */
  willAnnouncedAt: z.optional(z.string()),
  doneAt: z.optional(z.string()),
  droppedAt: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Action = z.infer<typeof actionSchema>;

/** `POST /api/actions`. */
export const actionInputSchema = z.object({
  goalId: z.string("goalId is required").check(z.minLength(1, "goalId is required")),
  title: localizedInput("title", 200),
  description: z.optional(text("description", 0, 5000)),
  owner: z.optional(text("owner", 1, 200)),
  dueDate: z.optional(z.iso.date("dueDate must be a date (yyyy-mm-dd)")),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

/** `PATCH /api/actions/{id}`. */
export const actionPatchSchema = z.object({
  version: z
    .number("version is required")
    .check(z.int("version must be a whole number"), z.gte(1, "version is at least 1")),
  status: z.optional(z.enum(actionStatuses, "status must be proposed, planned, in_progress, done or dropped")),
  title: z.optional(localizedInput("title", 200, { removable: true })),
  description: z.optional(z.nullable(text("description", 0, 5000))),
  owner: z.optional(z.nullable(text("owner", 1, 200))),
  dueDate: z.optional(z.nullable(z.iso.date("dueDate must be a date (yyyy-mm-dd)"))),
  youSaid: z.optional(z.nullable(localizedInput("youSaid", 2000, { removable: true }))),
  weWill: z.optional(z.nullable(localizedInput("weWill", 2000, { removable: true }))),
  weDid: z.optional(z.nullable(localizedInput("weDid", 2000, { removable: true }))),
  dropReason: z.optional(z.nullable(localizedInput("dropReason", 2000, { removable: true }))),
  /**
   * A move that tells customers goes ahead even where a language of theirs has no text: those
   * customers get the default language's text.
   */
  fallback: z.optional(z.boolean("fallback must be true or false")),
});
export type ActionPatch = z.infer<typeof actionPatchSchema>;

/** `GET /api/actions` filters. */
export const actionQuerySchema = z.object({
  goalId: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(z.enum(actionStatuses, "status must be proposed, planned, in_progress, done or dropped")),
});

export const actionEventTypes = ["created", "changed", "linked_feedback"] as const;

/** One entry of an action's timeline. */
export const actionTimelineEntrySchema = z.object({
  id: z.string(),
  actionId: z.string(),
  type: z.enum(actionEventTypes),
  at: z.string(),
  actor: z.string(),
  version: z.optional(z.number()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type ActionTimelineEntry = z.infer<typeof actionTimelineEntrySchema>;

/** `GET /api/actions/{id}`: an action with its timeline and the ids of its linked feedback. */
export const actionDetailSchema = z.extend(actionSchema, {
  timeline: z.array(actionTimelineEntrySchema),
  feedbackIds: z.array(z.string()),
});

/**
 * The link of a feedback item to an action, kept on both sides: under the action (its customers,
 * whose insert tells the item the action's current phase) and under the item (its actions).
 */
export const actionLinkSchema = z.object({ actionId: z.string(), feedbackId: z.string(), at: z.string() });
export type ActionLink = z.infer<typeof actionLinkSchema>;

/** The fields of an action whose changes its linked items' timelines show. */
export const followedActionFields = ["status", "title", "youSaid", "weWill", "weDid", "dropReason"] as const;

/** The texts of an action kept per language. */
export const localizedActionFields = ["title", "youSaid", "weWill", "weDid", "dropReason"] as const;

/**
 * The reporter of a complaint or defect a done action fixed, credited as its finder. It holds no
 * name: a finder who agreed to be named is named from their item, so an erasure takes the name.
 */
export const finderCreditSchema = z.object({
  actionId: z.string(),
  feedbackId: z.string(),
  at: z.string(),
  customerType: z.enum(["external", "internal"]),
  /** They agreed at intake to be named (`creditName`) and gave a name. */
  named: z.boolean(),
});
export type FinderCredit = z.infer<typeof finderCreditSchema>;

/**
 * What the public board shows of an action's audience, as counted at `countedAt`: how many feedback
 * items are linked to it, how many people confirmed they want to be told, how many finders it
 * credited, and the first credited finders who agreed to be named (their items). Kept a short
 * while (`BOARD_COUNT_SECONDS`), so a board view does not count every link of a large action again.
 */
export const actionCountsSchema = z.object({
  actionId: z.string(),
  customers: z.number(),
  subscribers: z.number(),
  finders: z.number(),
  namedFinders: z.array(z.string()),
  countedAt: z.string(),
});
export type ActionCounts = z.infer<typeof actionCountsSchema>;
