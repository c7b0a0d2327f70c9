import type { FeedbackInput } from "../../../shared/entities/feedback";
import type { Locale } from "../../../shared/i18n/locales";
import { en } from "./en";
import { nl } from "./nl";
import { type CustomerType, departments, type Kind, type Language, lines, minutes, versions } from "./shared";
import { sv } from "./sv";

/**
 * Sample feedback for local development and demos: a fictional regional public-transport and
 * ticketing company, Lumo Transit, hearing from travellers (English, Dutch and Swedish) and from its
 * own staff about internal services. Deterministic for a given seed and `now`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_MS = 120 * DAY_MS;
const DEFAULT_COUNT = 300;
const DEFAULT_SEED = 20_240_917;

const languages: Record<Locale, Language> = { en, nl, sv };

const slotsFor = ({ slots }: Language): Record<string, readonly string[]> => ({
  line: lines,
  version: versions,
  minutes,
  station: slots.station,
  time: slots.time,
});
const slots: Record<Locale, Record<string, readonly string[]>> = {
  en: slotsFor(en),
  nl: slotsFor(nl),
  sv: slotsFor(sv),
};

const exampleDomains = ["example.com", "example.org", "example.net"] as const;

const localeWeights: Record<Locale, number> = { en: 60, nl: 20, sv: 20 };
const kindWeights: Record<CustomerType, Record<Kind, number>> = {
  external: { complaint: 38, suggestion: 24, question: 20, compliment: 18 },
  internal: { complaint: 30, suggestion: 30, question: 25, compliment: 15 },
};
const channelWeights: Record<CustomerType, Record<string, number>> = {
  external: { web: 45, embed: 20, email: 15, kiosk: 10, api: 10 },
  internal: { web: 45, embed: 15, email: 30, api: 10 },
};
/** Score values to draw from, so complaints score low and compliments high. */
const scoreValues: Record<"nps" | "csat", Record<Kind, readonly number[]>> = {
  nps: {
    complaint: [0, 1, 2, 2, 3, 3, 4, 4, 5, 6],
    suggestion: [4, 5, 6, 6, 7, 7, 8, 8, 9],
    question: [5, 6, 7, 7, 8, 8, 9, 10],
    compliment: [8, 9, 9, 9, 10, 10, 10],
  },
  csat: {
    complaint: [1, 1, 1, 2, 2, 3],
    suggestion: [2, 3, 3, 4, 4],
    question: [3, 3, 4, 4, 5],
    compliment: [4, 5, 5, 5],
  },
};

type Random = () => number;

/** mulberry32: a tiny, fast, seedable PRNG giving floats in [0, 1). */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("demo data: nothing to pick from");
  return item;
}

function weighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error("demo data: no weights");
  return last[0];
}

function fill(random: Random, text: string, locale: Locale): string {
  return text.replace(/\{(\w+)\}/g, (slot, key: string) => {
    const values = slots[locale][key];
    return values ? pick(random, values) : slot;
  });
}

/** An address at a reserved example domain, built from the name without accents or spaces. */
function emailFor(random: Random, first: string, last: string, domain: string): string {
  const ascii = (value: string) =>
    value
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  const f = ascii(first);
  const l = ascii(last);
  const local = pick(random, [
    `${f}.${l}`,
    `${f}${l}`,
    `${f.slice(0, 1)}.${l}`,
    `${f}${Math.floor(random() * 90) + 10}`,
  ]);
  return `${local}@${domain}`;
}

function createdAtFor(random: Random, now: number): Date {
  // Fewer submissions at night (UTC 0–5): redraw most of those.
  for (;;) {
    const at = new Date(now - Math.floor(random() * WINDOW_MS));
    if (at.getUTCHours() >= 5 || random() < 0.15) return at;
  }
}

function oneItem(random: Random, now: number): { input: FeedbackInput; createdAt: Date } {
  const locale = weighted(random, localeWeights);
  const customerType: CustomerType = random() < 0.2 ? "internal" : "external";
  const kind = weighted(random, kindWeights[customerType]);
  const pool = languages[locale].templates[customerType];
  const candidates = pool.filter(([k]) => k === kind);
  // Every locale has templates of every kind for both audiences; the fallback only guards edits.
  const [templateKind, topic, text, from] = pick(random, candidates.length > 0 ? candidates : pool);
  const channel = weighted(random, channelWeights[customerType]);

  const input: FeedbackInput = {
    message: fill(random, text, locale),
    kind: templateKind,
    consent: false,
    locale,
    customerType,
    channel,
    creditName: false,
  };
  // Mail that arrives by email is not always sorted into a topic.
  if (channel !== "email" || random() < 0.6) input.topic = topic;
  if (customerType === "internal") input.department = pick(random, from ?? departments);

  if (random() < 0.5) {
    const type = random() < 0.5 ? "nps" : "csat";
    input.score = { type, value: pick(random, scoreValues[type][templateKind]) };
  }

  // Mail always has a sender; at a station kiosk people rarely type an address.
  const emailChance = channel === "email" ? 1 : channel === "kiosk" ? 0.1 : 0.33;
  if (random() < emailChance) {
    const first = pick(random, languages[locale].names.first);
    const last = pick(random, languages[locale].names.last);
    const domain = customerType === "internal" ? "example.org" : pick(random, exampleDomains);
    input.name = `${first} ${last}`;
    input.email = emailFor(random, first, last, domain);
    input.consent = random() < 0.7;
  }

  return { input, createdAt: createdAtFor(random, now) };
}

/**
 * `count` (default 300) sample feedback inputs with the time each was submitted, spread over the
 * 120 days before `now` and sorted oldest first. The same seed and `now` give the same data.
 */
export function demoFeedback(
  options: { count?: number; seed?: number; now?: Date } = {},
): { input: FeedbackInput; createdAt: Date }[] {
  const { count = DEFAULT_COUNT, seed = DEFAULT_SEED, now = new Date() } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError("demo data: count must be a whole number ≥ 0");
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("demo data: now must be a valid date");
  const random = mulberry32(seed);
  const items = Array.from({ length: count }, () => oneItem(random, nowMs));
  return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
