import type { TrackingView } from "../../../shared/entities/feedback";
import type { Locale } from "../../../shared/i18n/locales";
import { readerTime } from "../../../shared/i18n/time";
import { Layout } from "./layout";
import { strings } from "./strings";

/** The submitter's tracking page: what they wrote (escaped), its status, the public updates. */
export function TrackPage({
  locale,
  view,
  path,
  timeZone,
}: {
  locale: Locale;
  view: TrackingView;
  path: string;
  /** The organisation's zone: times are shown in it, named ("CET"). */
  timeZone: string;
}) {
  const formatDate = (iso: string) => readerTime(iso, locale, timeZone);
  const t = strings(locale);
  const { feedback } = view;
  return (
    <Layout locale={locale} title={t.trackTitle} path={path} noindex>
      <h1>{t.trackTitle}</h1>
      <p>
        {t.trackStatus}: <span class="status">{t.statuses[view.status]}</span>
      </p>
      <p class="hint">
        {t.trackSubmitted} <time datetime={feedback.createdAt}>{formatDate(feedback.createdAt)}</time> ·{" "}
        {t.kinds[feedback.kind]}
        {feedback.score && ` · ${t.score}: ${feedback.score.value}`}
        {feedback.topic && " · "}
        {feedback.topic}
      </p>
      <blockquote lang={feedback.locale} dir="auto">
        {feedback.message}
      </blockquote>
      <h2>{t.trackUpdates}</h2>
      <ol class="updates">
        {view.updates.map((u) => (
          <li>
            <time datetime={u.at}>{formatDate(u.at)}</time>: {t.updates[u.type]}
            {u.title && (
              <>
                {" ("}
                <span dir="auto">{u.title}</span>
                {")"}
              </>
            )}
            {u.text && (
              <>
                {": "}
                <span dir="auto">{u.text}</span>
              </>
            )}
          </li>
        ))}
      </ol>
      <p>
        <a href={`/you-said-we-did?lang=${locale}`}>{t.trackBoard}</a>
      </p>
    </Layout>
  );
}
