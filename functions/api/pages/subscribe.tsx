import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** After asking to be told (check your mail), after confirming, or a link that does not work. */
export function SubscribePage(props: { locale: Locale; state: "sent" | "confirmed" | "invalid"; title?: string }) {
  const t = strings(props.locale);
  const [heading, body] =
    props.state === "sent"
      ? [t.subscribeSentTitle, t.subscribeSentBody]
      : props.state === "confirmed"
        ? [t.subscribeConfirmedTitle, t.subscribeConfirmedBody(props.title ?? "")]
        : [t.subscribeInvalidTitle, t.subscribeInvalidBody];
  return (
    <Layout locale={props.locale} title={heading} noindex>
      <h1>{heading}</h1>
      <p>{body}</p>
      <p>
        <a href={`/you-said-we-did?lang=${props.locale}`}>{t.boardTitle}</a>
      </p>
    </Layout>
  );
}
