import type { Locale } from "../../i18n/locales";
import { en } from "./strings-en";
import { nl } from "./strings-nl";
import { sv } from "./strings-sv";
import type { MailStrings } from "./strings-types";

export type { MailStrings } from "./strings-types";

/** The mail strings for each supported locale. */
export const mailStrings: Record<Locale, MailStrings> = { en, nl, sv };
