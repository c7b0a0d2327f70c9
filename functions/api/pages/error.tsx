import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** An error as a page, for page routes; in the staff console it is in English and leads back there. */
export function ErrorPage(props: { locale: Locale; status: number; message: string; console?: boolean }) {
  const locale = props.console ? "en" : props.locale;
  const t = strings(locale);
  return (
    <Layout locale={locale} title={t.errorTitle} noindex>
      <h1>{t.errorTitle}</h1>
      <p>{props.status === 404 ? t.notFound : props.message}</p>
      <p>
        {props.console ? <a href="/console">Back to the console</a> : <a href={`/?lang=${locale}`}>{t.backToForm}</a>}
      </p>
    </Layout>
  );
}
