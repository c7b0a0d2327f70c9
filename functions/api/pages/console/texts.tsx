import { type Locale, locales } from "../../../../shared/i18n/locales";
import { type LocalizedText, textIn } from "../../../../shared/i18n/texts";

/** Each language's name in itself, as the console's forms label the texts. */
export const languageNames: Record<Locale, string> = { en: "English", nl: "Nederlands", sv: "Svenska" };

/**
 * A text kept per language as the console shows it in a line: English where there is one, else
 * the first language written (the console itself is in English).
 */
export function plain(text: LocalizedText | string | undefined): string {
  if (typeof text === "string") return text;
  return textIn(text, "en", "en");
}

/** A text's languages as a form shows them: one value per language, blank where none is written. */
export function perLanguage(text: LocalizedText | undefined): Record<Locale, string> {
  return Object.fromEntries(locales.map((locale) => [locale, text?.[locale] ?? ""])) as Record<Locale, string>;
}

/** The name of a form field that holds one language of a text: `weWill_sv`. */
export const languageField = (field: string, locale: Locale) => `${field}_${locale}`;

/**
 * The inputs of one text written per language: a group headed by what the text is for, with one
 * input (or text area) per language, each labelled with the language's name.
 */
export function LanguageInputs(props: {
  field: string;
  legend: string;
  values: Record<string, string>;
  multiline?: boolean;
  required?: boolean;
  maxlength: number;
  describedBy?: string;
  /** Prefix of the inputs' ids, so two forms could share a page. @default "edit" */
  idPrefix?: string;
}) {
  return (
    <fieldset class="languages" aria-describedby={props.describedBy}>
      <legend>{props.legend}</legend>
      {locales.map((locale) => {
        const name = languageField(props.field, locale);
        const id = `${props.idPrefix ?? "edit"}-${name}`;
        return (
          <div>
            <label for={id} lang={locale}>
              {languageNames[locale]}
            </label>
            {props.multiline ? (
              <textarea id={id} name={name} maxlength={props.maxlength} lang={locale} dir="auto">
                {props.values[name] ?? ""}
              </textarea>
            ) : (
              <input
                type="text"
                id={id}
                name={name}
                value={props.values[name] ?? ""}
                maxlength={props.maxlength}
                lang={locale}
                dir="auto"
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
