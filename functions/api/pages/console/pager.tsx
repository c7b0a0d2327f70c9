import type { Child } from "hono/jsx";
import { hrefWith } from "./forms";

export interface PagerProps {
  /** The list's own path (`/console/staff`). */
  path: string;
  /** The list's other query values (filters, whose tokens), kept on every page. */
  query?: Record<string, string | undefined>;
  /** The cursor of the next page; null on the last. */
  nextCursor: string | null;
  /** Whether this is a later page (a cursor was given). */
  paged: boolean;
  /** More links of the list's own (an export). */
  children?: Child;
}

/** The links that page through a console list: back to the first page, and on to the next. */
export function Pager({ path, query = {}, nextCursor, paged, children }: PagerProps) {
  if (!paged && !nextCursor && !children) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <ul>
        {paged && (
          <li>
            <a href={hrefWith(path, {}, query)}>First page</a>
          </li>
        )}
        {nextCursor && (
          <li>
            <a href={hrefWith(path, {}, { ...query, cursor: nextCursor })} rel="next">
              Next page
            </a>
          </li>
        )}
        {children}
      </ul>
    </nav>
  );
}
