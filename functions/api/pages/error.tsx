import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** An error as a page, for page routes. */
export function ErrorPage({ locale, status, message }: { locale: Locale; status: number; message: string }) {
  const t = strings(locale);
  return (
    <Layout locale={locale} title={t.errorTitle}>
      <h1>{t.errorTitle}</h1>
      <p>{status === 404 ? t.notFound : message}</p>
      <p>
        <a href={`/?lang=${locale}`}>{t.backToForm}</a>
      </p>
    </Layout>
  );
}
