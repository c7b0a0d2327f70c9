import type { Locale } from "./locales";

/** The organisation's time zone when none is set. */
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

/** Whether `zone` is an IANA time zone this runtime knows (as `Intl` accepts it). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// British English names Europe's zones by their abbreviations (CET, CEST), where US English writes GMT+1.
const intlLocale: Record<Locale, string> = { en: "en-GB", nl: "nl-NL", sv: "sv-SE" };

/**
 * A moment as staff read it in the organisation's zone, the zone named: "2026-01-15 11:00 CET"
 * (CEST in summer).
 */
export function staffTime(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

/** A moment in a reader's language and the organisation's zone, the zone named ("15 January 2026, 11:00 CET"). */
export function readerTime(iso: string, locale: Locale, zone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** A day in a reader's language, as the organisation's zone has it ("15 January 2026"). */
export function readerDate(iso: string, locale: Locale, zone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "long", timeZone: zone }).format(new Date(iso));
}
