import * as z from "zod/mini";
import { type Notification, notificationContent, staffKinds } from "../entities/notification";
import { composeAcknowledgement } from "../mail/templates/acknowledgement";
import { composeAlert, composeCompliment, composeDigest, composeKudos } from "../mail/templates/people";
import { composePersonal, composeSubscription } from "../mail/templates/personal";
import { composeInvitation, composeSignIn } from "../mail/templates/staff";
import { composeUpdate, updateContentSchema } from "../mail/templates/update";
import type { OutgoingMail } from "../mail/types";

/** The message a claimed notification owes, composed from its kind and its prepared content. */
export function composeNotification(notification: Notification, content: Record<string, unknown>): OutgoingMail {
  const { email, name, locale } = notification.recipient;
  const composed = (() => {
    switch (notification.kind) {
      case "acknowledgement":
        return composeAcknowledgement({ locale, name, ...z.parse(notificationContent.acknowledgement, content) });
      case "sign_in":
        return composeSignIn(z.parse(notificationContent.sign_in, content));
      case "invitation":
        return composeInvitation(z.parse(notificationContent.invitation, content));
      case "update":
        return composeUpdate({ locale, name, ...z.parse(updateContentSchema, content) });
      case "ending": {
        const ending = z.parse(notificationContent.ending, content);
        return composePersonal({ kind: "ending", locale, name, ...ending, text: ending.outcome });
      }
      case "subscription":
        return composeSubscription({ locale, ...z.parse(notificationContent.subscription, content) });
      case "compliment":
        return composeCompliment({ locale, name, ...z.parse(notificationContent.compliment, content) });
      case "digest":
        return composeDigest({ locale, name, ...z.parse(notificationContent.digest, content) });
      case "alert":
        return composeAlert({ locale, name, ...z.parse(notificationContent.alert, content) });
      case "kudos":
        return composeKudos({ locale, name, ...z.parse(notificationContent.kudos, content) });
      case "reply": {
        const reply = z.parse(notificationContent.reply, content);
        return composePersonal({ kind: "reply", locale, name, ...reply, text: reply.reply });
      }
    }
  })();
  // Staff mail has no unsubscribe link, even where an older version stored one with it.
  const staffMail = staffKinds.includes(notification.kind) || notification.kind === "subscription";
  const { unsubscribeUrl } = z.parse(z.object({ unsubscribeUrl: z.optional(z.string()) }), content);
  return {
    id: notification.purpose,
    to: email,
    toName: name,
    locale,
    ...(unsubscribeUrl && !staffMail ? { unsubscribeUrl } : {}),
    ...composed,
  };
}
