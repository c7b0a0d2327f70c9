/**
 * Helpers that make customer-written text safe to place in a message. HTML escaping happens
 * later, in the HTML template; these deal with what escaping cannot: control characters, line
 * breaks that could break a header or a quote, and bidi overrides that visually reorder the text
 * around them (a U+202E in a name could make a link label read backwards).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Removes control and bidi-control characters and collapses all whitespace (CR/LF included) to single spaces. */
export function singleLine(value: string): string {
  return (
    value
      .toWellFormed()
      .normalize("NFC")
      // Whitespace first, so a tab or line break between two words still separates them.
      .replace(/\s+/gu, " ")
      .replace(/[\p{Cc}\p{Bidi_Control}\uFEFF]/gu, "")
      .trim()
  );
}

/** Cuts a line to at most `max` characters, at a nearby word boundary, ending in `…` when anything was cut. */
export function excerpt(value: string, max: number): string {
  // Graphemes rather than UTF-16 units, so an emoji or a decomposed accent is never cut in half.
  const graphemes = Array.from(segmenter.segment(value), (s) => s.segment);
  if (graphemes.length <= max) return value;
  let cut = graphemes.slice(0, max).join("");
  const lastSpace = cut.lastIndexOf(" ");
  if (lastSpace > cut.length * 0.8) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}…`;
}

/** An absolute http(s) URL in its canonical form; throws on anything else, so `javascript:` never reaches an href. */
export function safeUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} is not an absolute URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${what} must be an http(s) URL`);
  // The WHATWG serialisation percent-encodes spaces, quotes and angle brackets.
  return url.href;
}
