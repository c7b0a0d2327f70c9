import type { BoardEntry } from "../../../shared/actions/board";
import type { Locale } from "../../../shared/i18n/locales";
import { readerDate } from "../../../shared/i18n/time";
import { Layout } from "./layout";
import { type Strings, strings } from "./strings";

/** One action on the board, headed by its title: what customers asked, and what we will do or did. */
function Entry(props: { entry: BoardEntry; t: Strings; date: (iso: string) => string; locale: Locale }) {
  const { entry, t, date } = props;
  const when = entry.status === "done" ? entry.doneAt : entry.plannedAt;
  return (
    <article class="board-entry">
      <h3 dir="auto">{entry.title}</h3>
      <p class="hint">
        {entry.status === "done" ? t.boardDone : entry.status === "in_progress" ? t.boardInProgress : t.boardPlanned}
        {when && (
          <>
            {" · "}
            <time datetime={when}>{date(when)}</time>
          </>
        )}
      </p>
      <p>
        <strong>{t.boardYouSaid}:</strong> <span dir="auto">{entry.youSaid}</span>
      </p>
      {entry.status === "done"
        ? entry.weDid && (
            <p>
              <strong>{t.boardWeDid}:</strong> <span dir="auto">{entry.weDid}</span>
            </p>
          )
        : entry.weWill && (
            <p>
              <strong>{t.boardWeWill}:</strong> <span dir="auto">{entry.weWill}</span>
            </p>
          )}
      <p class="hint">
        {entry.goal && (
          <>
            {t.boardGoal}: <span dir="auto">{entry.goal.title}</span> ·{" "}
          </>
        )}
        {t.boardCustomers(entry.customers)}
        {entry.status !== "done" && ` · ${t.subscribeAsked(entry.subscribers)}`}
      </p>
      {entry.finders && entry.finders.named.length + entry.finders.others > 0 && (
        <p class="hint finders">
          <bdi dir="auto">{t.boardFinders(entry.finders.named, entry.finders.others)}</bdi>
        </p>
      )}
      {entry.status !== "done" && (
        <form
          method="post"
          action={`/you-said-we-did/${entry.id}/subscribe?lang=${props.locale}`}
          class="subscribe"
          aria-label={`${t.subscribeButton}: ${entry.title}`}
        >
          <label for={`subscribe-${entry.id}`}>{t.subscribeLabel}</label>
          <input
            type="email"
            id={`subscribe-${entry.id}`}
            name="email"
            required
            maxlength={254}
            autocomplete="email"
            aria-describedby={`subscribe-hint-${entry.id}`}
          />
          <p class="hint" id={`subscribe-hint-${entry.id}`}>
            {t.subscribeHint}
          </p>
          <button type="submit">{t.subscribeButton}</button>
        </form>
      )}
    </article>
  );
}

/**
 * The public board: the roadmap (what is promised: planned or in progress) above what was done,
 * each action headed by its title, in the reader's language.
 */
export function BoardPage(props: {
  locale: Locale;
  promised?: BoardEntry[];
  items: BoardEntry[];
  nextCursor: string | null;
  /** The organisation's zone: the day an action was promised or done, as it has it. */
  timeZone: string;
  /** After a subscription asked with an address that is not one. */
  invalidEmail?: boolean;
}) {
  const t = strings(props.locale);
  const date = (iso: string) => readerDate(iso, props.locale, props.timeZone);
  return (
    <Layout locale={props.locale} title={t.boardTitle} path="/you-said-we-did">
      <h1>{t.boardTitle}</h1>
      <p>{t.boardIntro}</p>
      {props.promised && (
        <section aria-labelledby="promised">
          <h2 id="promised">{t.boardPromised}</h2>
          {props.invalidEmail && (
            <p class="error" role="alert">
              {t.subscribeInvalidEmail}
            </p>
          )}
          {props.promised.length === 0 && <p>{t.boardPromisedEmpty}</p>}
          {props.promised.map((entry) => (
            <Entry entry={entry} t={t} date={date} locale={props.locale} />
          ))}
        </section>
      )}
      <section aria-labelledby="done">
        <h2 id="done">{t.boardDone}</h2>
        {props.items.length === 0 && <p>{t.boardEmpty}</p>}
        {props.items.map((entry) => (
          <Entry entry={entry} t={t} date={date} locale={props.locale} />
        ))}
      </section>
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
