import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/**
 * The outside of every page: the doctype, so browsers render in standards mode (without it they
 * fall back to quirks mode, and lay the page out differently), then the `<html>` element.
 */
export function HtmlDocument({ lang, children }: { lang: string; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={lang}>{children}</html>
    </>
  );
}
