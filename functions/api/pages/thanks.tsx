import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** The page after a successful post: where to follow the feedback. */
export function ThanksPage(props: { locale: Locale; embed?: boolean; trackingUrl?: string; emailed: boolean }) {
  const t = strings(props.locale);
  return (
    <Layout locale={props.locale} title={t.thanksTitle} embed={props.embed}>
      <h1>{t.thanksTitle}</h1>
      {props.trackingUrl && (
        <>
          <p>{t.thanksBody}</p>
          <p>
            <a href={props.trackingUrl} target={props.embed ? "_top" : undefined} rel="noopener">
              {t.thanksLink}
            </a>
          </p>
          <p class="hint">{props.emailed ? t.thanksEmail : t.thanksKeep}</p>
        </>
      )}
    </Layout>
  );
}
