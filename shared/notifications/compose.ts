import * as z from "zod/mini";
import { composeAcknowledgement } from "../mail/templates/acknowledgement";
import { composeInvitation, composeSignIn } from "../mail/templates/staff";
import type { OutgoingMail } from "../mail/types";
import { type Notification, notificationContent } from "./schema";

/** The message a pending notification owes, composed from its kind and content. */
export function composeNotification(notification: Notification): OutgoingMail {
  const { email, name, locale } = notification.recipient;
  const composed = (() => {
    switch (notification.kind) {
      case "acknowledgement":
        return composeAcknowledgement({
          locale,
          name,
          ...z.parse(notificationContent.acknowledgement, notification.content),
        });
      case "sign_in":
        return composeSignIn(z.parse(notificationContent.sign_in, notification.content));
      case "invitation":
        return composeInvitation(z.parse(notificationContent.invitation, notification.content));
    }
  })();
  const unsubscribeUrl = z.parse(z.object({ unsubscribeUrl: z.string() }), notification.content).unsubscribeUrl;
  return { id: notification.purpose, to: email, toName: name, locale, unsubscribeUrl, ...composed };
}
