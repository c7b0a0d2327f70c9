import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** Confirmation before unsubscribing (GET), and the result after (POST). */
export function UnsubscribePage({ locale, token, done }: { locale: Locale; token: string; done: boolean }) {
  const t = strings(locale);
  return (
    <Layout locale={locale} title={done ? t.unsubscribedTitle : t.unsubscribeTitle} noindex>
      {done ? (
        <>
          <h1>{t.unsubscribedTitle}</h1>
          <p>{t.unsubscribedBody}</p>
        </>
      ) : (
        <>
          <h1>{t.unsubscribeTitle}</h1>
          <p>{t.unsubscribeBody}</p>
          <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}?lang=${locale}`}>
            <button type="submit">{t.unsubscribeButton}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
