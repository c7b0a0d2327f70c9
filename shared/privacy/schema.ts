import * as z from "zod/mini";
import type { Feedback, TimelineEntry } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import type { SuppressionReason } from "../entities/suppression";

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
export type ExportedNotification = Omit<Notification, "content">;

/** Everything held about one address (JSON-serialisable). */
export interface PersonalDataExport {
  /** The address, normalised (trimmed, lower case), as it is compared. */
  email: string;
  exportedAt: string;
  /** Every feedback item of the address, newest first, each with its timeline (oldest first). */
  feedback: (Feedback & { timeline: TimelineEntry[] })[];
  notifications: ExportedNotification[];
  suppression: { suppressed: false } | { suppressed: true; reason: SuppressionReason; suppressedAt: string };
}

/** What an erasure changed. */
export interface ErasureResult {
  feedbackItems: number;
  notifications: number;
}

/** What an item's message becomes when it is erased without keeping messages. */
export const ERASED_MESSAGE = "[erased]";
