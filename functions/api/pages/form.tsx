import { feedbackKinds } from "../../../shared/entities/feedback";
import type { Locale } from "../../../shared/i18n/locales";
import { Layout } from "./layout";
import { strings } from "./strings";

/** What the form shows again after a refused post: the values given and what is wrong with each. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface FormPageProps {
  locale: Locale;
  embed?: boolean;
  state?: FormState;
}

/** The public feedback form: works without JavaScript, every field labelled, errors tied to fields. */
export function FormPage({ locale, embed, state }: FormPageProps) {
  const t = strings(locale);
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  const errorEntries = Object.entries(errors);
  const describedBy = (field: string, hint?: string) =>
    [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: string) =>
    errors[field] ? (
      <p class="error" id={`${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const kind = values.kind ?? "suggestion";
  const customerType = values.customerType ?? "external";
  return (
    <Layout locale={locale} title={t.formTitle} embed={embed} path={embed ? undefined : "/"}>
      <h1>{t.formTitle}</h1>
      <p>{t.formIntro}</p>
      {errorEntries.length > 0 && (
        <div class="summary" role="alert" aria-labelledby="summary-title">
          <p id="summary-title">
            <strong>{t.errorSummary}</strong>
          </p>
          <ul>
            {errorEntries.map(([field, message]) => (
              <li>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={embed ? "/feedback?embed=1" : "/feedback"} accept-charset="utf-8">
        <input type="hidden" name="locale" value={locale} />
        {embed && <input type="hidden" name="embed" value="1" />}

        <label for="message">{t.message}</label>
        <p class="hint" id="message-hint">
          {t.messageHint}
        </p>
        {fieldError("message")}
        <textarea
          id="message"
          name="message"
          required
          maxlength={5000}
          aria-describedby={describedBy("message", "message-hint")}
          aria-invalid={errors.message ? "true" : undefined}
        >
          {values.message ?? ""}
        </textarea>

        <fieldset id="kind">
          <legend>{t.kind}</legend>
          {fieldError("kind")}
          <div class="choices">
            {feedbackKinds.map((k) => (
              <label>
                <input type="radio" name="kind" value={k} checked={kind === k} />
                {t.kinds[k]}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset id="score" aria-describedby="nps-hint">
          <legend>{t.nps}</legend>
          <p class="hint" id="nps-hint">
            {t.npsLow} · {t.npsHigh}
          </p>
          {fieldError("score")}
          <div class="scale">
            {Array.from({ length: 11 }, (_, n) => (
              <label>
                <input type="radio" name="nps" value={String(n)} checked={values.nps === String(n)} />
                {n}
              </label>
            ))}
          </div>
        </fieldset>

        <label for="topic">{t.topic}</label>
        {fieldError("topic")}
        <input
          type="text"
          id="topic"
          name="topic"
          maxlength={100}
          value={values.topic ?? ""}
          aria-describedby={describedBy("topic")}
        />

        <fieldset id="customerType">
          <legend>{t.customerType}</legend>
          <div class="choices">
            {(["external", "internal"] as const).map((type) => (
              <label>
                <input type="radio" name="customerType" value={type} checked={customerType === type} />
                {t.customerTypes[type]}
              </label>
            ))}
          </div>
        </fieldset>

        <label for="department">{t.department}</label>
        {fieldError("department")}
        <input type="text" id="department" name="department" maxlength={100} value={values.department ?? ""} />

        <label for="praises">{t.praises}</label>
        {fieldError("praises")}
        <input type="text" id="praises" name="praises" maxlength={200} value={values.praises ?? ""} />

        <label for="name">{t.name}</label>
        {fieldError("name")}
        <input type="text" id="name" name="name" maxlength={200} autocomplete="name" value={values.name ?? ""} />

        <label for="email">{t.email}</label>
        {fieldError("email")}
        <input
          type="email"
          id="email"
          name="email"
          autocomplete="email"
          value={values.email ?? ""}
          aria-describedby={describedBy("email")}
          aria-invalid={errors.email ? "true" : undefined}
        />

        <div class="check">
          <label>
            <input
              type="checkbox"
              name="consent"
              value="yes"
              checked={values.consent === "yes"}
              aria-describedby="consent-hint"
            />
            {t.consent}
          </label>
          <p class="hint" id="consent-hint">
            {t.consentHint}
          </p>
          <label>
            <input type="checkbox" name="creditName" value="yes" checked={values.creditName === "yes"} />
            {t.creditName}
          </label>
        </div>

        <div class="trap" aria-hidden="true">
          <label for="website">{t.honeypot}</label>
          <input type="text" id="website" name="website" tabindex={-1} autocomplete="off" value="" />
        </div>

        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}
