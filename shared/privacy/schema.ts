import * as z from "zod/mini";
import { feedbackSchema, timelineEntrySchema } from "../entities/feedback";
import { notificationSchema } from "../entities/notification";
import { suppressionReasons } from "../entities/suppression";

const emailField = z
  .email({ error: (issue) => (issue.input === undefined ? "email is required" : "email must be a valid address") })
  .check(z.maxLength(254, "email must be at most 254 characters"));

/** `POST /api/privacy/export`: whose data to export. */
export const privacyExportInputSchema = z.object({ email: emailField });
export type PrivacyExportInput = z.infer<typeof privacyExportInputSchema>;

/** `POST /api/privacy/erase`: whose data to erase, and whether their messages stay (anonymised). */
export const privacyEraseInputSchema = z.object({
  email: emailField,
  keepMessages: z._default(z.boolean("keepMessages must be true or false"), false),
});
export type PrivacyEraseInput = z.infer<typeof privacyEraseInputSchema>;

/** A notification as exported: never its content, which holds bearer links. */
export const exportedNotificationSchema = z.omit(notificationSchema, { content: true });
export type ExportedNotification = z.infer<typeof exportedNotificationSchema>;

/** Everything held about one address (JSON-serialisable). */
export const personalDataExportSchema = z.object({
  /** The address, normalised (trimmed, lower case), as it is compared. */
  email: z.string(),
  exportedAt: z.string(),
  /** Every feedback item of the address, newest first, each with its timeline (oldest first). */
  feedback: z.array(z.extend(feedbackSchema, { timeline: z.array(timelineEntrySchema) })),
  notifications: z.array(exportedNotificationSchema),
  suppression: z.union([
    z.object({ suppressed: z.literal(false) }),
    z.object({ suppressed: z.literal(true), reason: z.enum(suppressionReasons), suppressedAt: z.string() }),
  ]),
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;

/** What an erasure changed. */
export const erasureResultSchema = z.object({ feedbackItems: z.number(), notifications: z.number() });
export type ErasureResult = z.infer<typeof erasureResultSchema>;

/** What an item's message becomes when it is erased without keeping messages. */
export const ERASED_MESSAGE = "[erased]";
