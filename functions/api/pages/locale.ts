import type { Context } from "hono";
import { defaultLocale, isLocale, type Locale } from "../../../shared/i18n/locales";

/**
 * The locale the language middleware chose for this request. Unless `?lang=` chose it, it came
 * from the `Accept-Language` header, and the answer says so (`Vary: Accept-Language`), so that no
 * cache hands one reader's language to another.
 */
export function pageLocale(c: Context): Locale {
  // Set, not appended: a page may ask more than once. Nothing sets Vary before a page is made (the
  // compression middleware adds Accept-Encoding to it afterwards).
  if (!isLocale(c.req.query("lang"))) c.header("Vary", "Accept-Language");
  const chosen = c.get("language");
  return isLocale(chosen) ? chosen : defaultLocale;
}
