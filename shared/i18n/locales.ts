export const locales = ["en", "nl", "sv"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Whether a string names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The locale to use for a page: an explicit `?lang=` wins, then the best `Accept-Language` match
 * (by q-value, then order), then English.
 */
export function negotiateLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.toLowerCase().split("-")[0], quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((r) => r.base).find(isLocale) ?? defaultLocale;
}
