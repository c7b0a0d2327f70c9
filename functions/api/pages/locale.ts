import type { Context } from "hono";
import { defaultLocale, isLocale, type Locale } from "../../../shared/i18n/locales";

/** The locale the language middleware chose for this request. */
export function pageLocale(c: Context): Locale {
  const chosen = c.get("language");
  return isLocale(chosen) ? chosen : defaultLocale;
}
