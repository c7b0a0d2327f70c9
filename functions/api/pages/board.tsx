import type { BoardEntry } from "../../../shared/actions/board";
import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** The public "you said, we did" board. */
export function BoardPage(props: { locale: Locale; items: BoardEntry[]; nextCursor: string | null }) {
  const t = strings(props.locale);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(props.locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
  return (
    <Layout locale={props.locale} title={t.boardTitle} path="/you-said-we-did">
      <h1>{t.boardTitle}</h1>
      <p>{t.boardIntro}</p>
      {props.items.length === 0 && <p>{t.boardEmpty}</p>}
      {props.items.map((entry) => (
        <article class="board-entry">
          <h2>
            <time datetime={entry.doneAt}>{date(entry.doneAt)}</time>
          </h2>
          <p>
            <strong>{t.boardYouSaid}:</strong> <span dir="auto">{entry.youSaid}</span>
          </p>
          <p>
            <strong>{t.boardWeDid}:</strong> <span dir="auto">{entry.weDid}</span>
          </p>
          {entry.goal && (
            <p class="hint">
              {t.boardGoal}: <span dir="auto">{entry.goal.title}</span> · {t.boardCustomers(entry.customers)}
            </p>
          )}
        </article>
      ))}
      {props.nextCursor && (
        <p>
          <a href={`/you-said-we-did?lang=${props.locale}&cursor=${encodeURIComponent(props.nextCursor)}`}>
            {t.boardMore}
          </a>
        </p>
      )}
    </Layout>
  );
}
