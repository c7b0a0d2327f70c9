import type { Child } from "hono/jsx";
import type { Permission } from "../../../../shared/auth/permissions";
import { assetHref } from "../../static-assets";
import { HtmlDocument } from "../document";
import { CsrfField, can, label, Notice, TimeZoneContext, type Viewer } from "./common";

export type Section =
  | "my-goals"
  | "inbox"
  | "goals"
  | "recognition"
  | "staff"
  | "tokens"
  | "webhooks"
  | "privacy"
  | "settings";

const sections: { id: Section; href: string; name: string; permission: Permission }[] = [
  { id: "my-goals", href: "/console/my-goals", name: "My goals", permission: "goals:read" },
  { id: "inbox", href: "/console", name: "Inbox", permission: "console:use" },
  { id: "goals", href: "/console/goals", name: "Goals", permission: "goals:read" },
  { id: "recognition", href: "/console/recognition", name: "Recognition", permission: "recognition:use" },
  { id: "staff", href: "/console/staff", name: "Staff", permission: "staff:read" },
  { id: "tokens", href: "/console/tokens", name: "API tokens", permission: "tokens:own" },
  { id: "webhooks", href: "/console/webhooks", name: "Webhooks", permission: "webhooks:manage" },
  { id: "privacy", href: "/console/privacy", name: "Privacy", permission: "privacy:manage" },
  { id: "settings", href: "/console/settings", name: "My settings", permission: "console:use" },
];

export interface ConsoleLayoutProps {
  viewer: Viewer;
  title: string;
  section?: Section;
  flash?: string;
  error?: string;
  children: Child;
}

/**
 * The frame of every console page: who is signed in, what they may open, and signing out. Every
 * time on the page is shown in the viewer's organisation's zone.
 */
export function ConsoleLayout({ viewer, title, section, flash, error, children }: ConsoleLayoutProps) {
  return (
    <TimeZoneContext.Provider value={viewer.timeZone}>
      <HtmlDocument lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* Not no-referrer: with it, browsers send `Origin: null` on our own form posts, which the CSRF check refuses. */}
          <meta name="referrer" content="same-origin" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · Feedback console`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={assetHref("site.css")} />
        </head>
        <body class="console">
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="console-header">
            <a href="/console" class="brand">
              Feedback console
            </a>
            <nav aria-label="Console">
              <ul>
                {sections
                  .filter((s) => can(viewer, s.permission))
                  .map((s) => (
                    <li>
                      <a href={s.href} aria-current={s.id === section ? "page" : undefined}>
                        {s.name}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
            <div class="who">
              <span>
                Signed in as <strong>{viewer.staff.email}</strong> ({label(viewer.staff.role)})
              </span>
              <form method="post" action="/auth/logout" class="inline">
                <CsrfField viewer={viewer} />
                <button type="submit" class="secondary">
                  Sign out
                </button>
              </form>
            </div>
          </header>
          <main id="main">
            <h1>{title}</h1>
            <Notice flash={flash} error={error} />
            {children}
          </main>
        </body>
      </HtmlDocument>
    </TimeZoneContext.Provider>
  );
}

/** A console page that only says something: not found, not allowed. */
export function ConsoleMessagePage(props: { viewer: Viewer; title: string; message: string; back?: string }) {
  return (
    <ConsoleLayout viewer={props.viewer} title={props.title}>
      <p>{props.message}</p>
      <p>
        <a href={props.back ?? "/console"}>Back to the inbox</a>
      </p>
    </ConsoleLayout>
  );
}
