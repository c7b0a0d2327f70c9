import * as z from "zod/mini";
import { type Locale, locales } from "./locales";

/**
 * A staff-written text that customers or the public read (a goal's or an action's title, "you
 * said", "we will", "we did", a drop reason), in as many of the supported locales as staff wrote.
 */
export type LocalizedText = Partial<Record<Locale, string>>;

/**
 * A localized text as stored, read and answered: a text per language. Texts stored before they had
 * languages are plain strings: they are read as English, the only default those versions had.
 */
export const localizedTextSchema = z.partialRecord(z.enum(locales), z.string());

export const storedTextSchema = z.pipe(
  z.pipe(
    z.union([z.string(), localizedTextSchema]),
    z.transform((value): LocalizedText => (typeof value === "string" ? { en: value } : value)),
  ),
  localizedTextSchema,
);

const localeText = (field: string, locale: Locale, max: number) =>
  z
    .string(`${field}.${locale} must be a string`)
    .check(
      z.trim(),
      z.minLength(1, `${field}.${locale} must not be empty`),
      z.maxLength(max, `${field}.${locale} must be at most ${max} characters`),
    );

/**
 * A localized text as a request gives it: a string, which is the text in the organisation's default
 * locale, or an object with a text per locale (`{ "en"?, "nl"?, "sv"? }`, at least one). In a
 * change, a locale set to null removes that locale's text.
 */
export function localizedInput(field: string, max: number, options: { removable?: boolean } = {}) {
  const perLocale = Object.fromEntries(
    locales.map((locale) => {
      const one = localeText(field, locale, max);
      return [locale, options.removable ? z.optional(z.nullable(one)) : z.optional(one)];
    }),
  ) as Record<Locale, z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniString> | z.ZodMiniString>>;
  return z.union(
    [
      z
        .string(`${field} must be a string or an object with a text per language (en, nl, sv)`)
        .check(
          z.trim(),
          z.minLength(1, `${field} is required`),
          z.maxLength(max, `${field} must be at most ${max} characters`),
        ),
      z
        .strictObject(perLocale, `${field} must be a string or an object with a text per language (en, nl, sv)`)
        .check(z.refine((value) => Object.keys(value).length > 0, `${field} needs a text in at least one language`)),
    ],
    `${field} must be a string or an object with a text per language (en, nl, sv)`,
  );
}

/** What a request gave for a localized text. */
export type LocalizedInput = string | Partial<Record<Locale, string | null | undefined>>;

/**
 * The stored text after a request's input: a string replaces the default locale's text, an object
 * sets (or, with null, removes) the locales it names and keeps the others. Undefined when nothing
 * is left.
 */
export function applyText(
  current: LocalizedText | undefined,
  input: LocalizedInput,
  defaultLocale: Locale,
): LocalizedText | undefined {
  const next: LocalizedText = { ...current };
  const given = typeof input === "string" ? { [defaultLocale]: input } : input;
  for (const locale of locales) {
    if (!(locale in given)) continue;
    const value = given[locale];
    if (value === null || value === undefined) delete next[locale];
    else next[locale] = value;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * The text for a reader in `locale`: their own, else the default locale's, else the first there
 * is. Empty when there is none.
 */
export function textIn(text: LocalizedText | undefined, locale: Locale, defaultLocale: Locale): string {
  if (!text) return "";
  return text[locale] ?? text[defaultLocale] ?? locales.map((l) => text[l]).find((t) => t !== undefined) ?? "";
}

/** The locales among `wanted` that have no text. */
export function missingLocales(text: LocalizedText | undefined, wanted: Iterable<Locale>): Locale[] {
  return [...new Set(wanted)].filter((locale) => !text?.[locale]);
}

/** Whether two stored texts say the same in every locale. */
export function sameText(a: LocalizedText | undefined, b: LocalizedText | undefined): boolean {
  return locales.every((locale) => a?.[locale] === b?.[locale]);
}
