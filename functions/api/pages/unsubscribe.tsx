import type { MailAbout } from "../../../shared/entities/links";
import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/**
 * Confirmation before unsubscribing (GET), and the result after (POST). It says what stops (mail
 * about the person's feedback and the actions they follow) and what does not (staff sign-in mail),
 * and, when the link's mail recorded it, which kind of mail the link came from.
 */
export function UnsubscribePage({
  locale,
  token,
  done,
  about,
}: {
  locale: Locale;
  token: string;
  done: boolean;
  about?: MailAbout;
}) {
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
          {about && <p>{t.unsubscribeFrom[about]}</p>}
          <p>{t.unsubscribeBody}</p>
          <p>{t.unsubscribeStaff}</p>
          <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}?lang=${locale}`}>
            <button type="submit">{t.unsubscribeButton}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
