import type { FeedbackInput } from "../../../shared/entities/feedback";

/** Shapes shared by the per-language demo data, and the lists that are the same in every language. */

export const departments = ["IT", "Customer Service", "Sales", "Finance", "Operations"] as const;
export type Department = (typeof departments)[number];
export type Kind = FeedbackInput["kind"];
export type CustomerType = FeedbackInput["customerType"];

/** kind, topic, message (with `{slot}`s), and for internal feedback the departments it plausibly comes from. */
export type Template = readonly [kind: Kind, topic: string, text: string, from?: readonly Department[]];
export type Templates = { readonly external: readonly Template[]; readonly internal: readonly Template[] };

/** One language's templates, the `{station}` and `{time}` values written its way, and its people's names. */
export type Language = {
  readonly templates: Templates;
  readonly slots: { readonly station: readonly string[]; readonly time: readonly string[] };
  readonly names: { readonly first: readonly string[]; readonly last: readonly string[] };
};

export const notIt: readonly Department[] = ["Customer Service", "Sales", "Finance", "Operations"];
export const shiftWorkers: readonly Department[] = ["Customer Service", "Operations"];
export const reportUsers: readonly Department[] = ["Sales", "Finance"];

/** `{slot}` values that read the same in every language. */
export const lines = ["2", "4", "7", "12", "15", "27", "31", "105", "N3"] as const;
export const versions = ["4.12.0", "4.12.1", "4.13.0", "5.0.0", "5.0.2"] as const;
export const minutes = ["10", "12", "15", "20", "25", "35"] as const;
