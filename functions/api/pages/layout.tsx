import type { Child } from "hono/jsx";
import { type Locale, locales } from "../../../shared/i18n/locales";
import { assetHref } from "../static-assets";
import { HtmlDocument } from "./document";
import { strings } from "./strings";

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** The embeddable variant: no header or footer, transparent background. */
  embed?: boolean;
  /** The path the language links point at (query `lang` is added). */
  path?: string;
  /** A page for one person (a tracking or unsubscribe link, sign-in): search engines must not index it. */
  noindex?: boolean;
  children: Child;
}

/** The frame of every public page: language, title, language switch. */
export function Layout({ locale, title, embed, path, noindex, children }: LayoutProps) {
  const t = strings(locale);
  return (
    <HtmlDocument lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        {noindex && <meta name="robots" content="noindex" />}
        <title>{`${title} · ${t.siteName}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetHref("site.css")} />
      </head>
      <body class={embed ? "embed" : undefined}>
        {!embed && (
          <header>
            <a href={`/?lang=${locale}`}>{t.siteName}</a>
            {path && (
              <nav class="languages" aria-label={t.languages}>
                <ul>
                  {locales.map((l) => (
                    <li>
                      <a
                        href={`${path}?lang=${l}`}
                        lang={l}
                        hreflang={l}
                        aria-current={l === locale ? "true" : undefined}
                      >
                        {strings(l).lang}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </header>
        )}
        <main id="main">{children}</main>
      </body>
    </HtmlDocument>
  );
}
