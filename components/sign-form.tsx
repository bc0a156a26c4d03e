'use client';

import { Field } from '@/components/field';
import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type MouseEvent, type RefObject } from 'react';
import type { ResendState, SignFormState } from '@/lib/signatures/form-state';
import { signatureLimits, type FieldErrors, type SignatureField } from '@/lib/signatures/fields';
import { typedLength } from '@/lib/text/normalise';
import type { ShownConsent, ShownQuestion } from '@/lib/questions/labels';
import { CheckInbox } from './check-inbox';
import { DataControllerNote, SignQuestions } from './sign-questions';

type Props = {
  action: (prev: SignFormState, form: FormData) => Promise<SignFormState>;
  resendAction: (prev: ResendState, form: FormData) => Promise<ResendState>;
  countries: { code: string; name: string }[];
  locale: string;
  source?: string;
  /** Referral code of the signer whose link brought this visitor. */
  referral?: string;
  resendInterval: number;
  /**
   * Where the form posts itself when JavaScript is off (a route that redirects); without it, the
   * server action answers that post too (the widget, whose framed page cannot be redirected away).
   */
  postWithoutJavaScriptTo?: string;
  /** A refused no-JavaScript submission brought back to the page: its errors and what was typed. */
  initialState?: SignFormState;
  /** An at-risk petition: no public name and no updates are offered (nothing is kept to show or send them). */
  atRisk?: boolean;
  /** The petition's own questions, in the language its text is read in (lib/questions/labels.ts). */
  questions?: ShownQuestion[];
  /** The data controller and the partner's opt-in question, when the petition names them. */
  consent?: ShownConsent;
};

const NO_QUESTIONS: ShownQuestion[] = [];

const FIELD_ORDER: SignatureField[] = ['name', 'email', 'country', 'postcode', 'comment'];

// The validator (the server's zod schema) and the email-typo check are fetched when the person
// starts on the form, not with the page: the page stays light on slow connections, and a submit
// before they arrive is checked by the server with the same code.
type Checks = {
  validate: typeof import('@/lib/signatures/validate-form').validateSignatureForm;
  resolveEmail: typeof import('@/lib/signatures/suggest-email').resolveEmailSuggestion;
};
let checks: Checks | null = null;
let loading: Promise<Checks | null> | null = null;
function loadChecks(): Promise<Checks | null> {
  loading ??= Promise.all([import('@/lib/signatures/validate-form'), import('@/lib/signatures/suggest-email')]).then(
    ([v, s]) => (checks = { validate: v.validateSignatureForm, resolveEmail: s.resolveEmailSuggestion }),
    () => (loading = null),
  );
  return loading;
}

/** "Did you mean …?" for the email: shown for one typed address; `asked` when it answered a press of Sign. */
type Suggestion = { for: string; to: string; asked: boolean };

export function SignForm({
  action,
  resendAction,
  countries,
  locale,
  source,
  referral,
  resendInterval,
  postWithoutJavaScriptTo,
  initialState,
  atRisk,
  questions = NO_QUESTIONS,
  consent,
}: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<SignFormState, FormData>(action, initialState ?? { status: 'idle' });
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Counted as the server counts it (lib/text/normalise.ts): code points after normalising, a line
  // break once, though the browser will send it as CRLF.
  const commentLengthOf = (value: string | undefined) => typedLength(value ?? '', { multiline: true });
  const [commentLength, setCommentLength] = useState(() => commentLengthOf(initialState && 'values' in initialState ? initialState.values.comment : undefined));
  // A suggestion worked out in the browser belongs to the state it was made in; a new answer from
  // the server (which may bring its own) replaces it.
  const [checked, setChecked] = useState<{ in: SignFormState; suggestion: Suggestion | null } | null>(null);
  // "Wrong address?" after signing: the form again, with what was sent.
  const [correcting, setCorrecting] = useState<SignFormState | null>(null);
  // What was sent, for the form again after "Wrong address?" (set when the form is submitted).
  const [sentValues, setSentValues] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const suggestionButton = useRef<HTMLButtonElement>(null);

  const serverErrors = state.status === 'invalid' ? state.errors : {};
  const errors: FieldErrors = clientErrors ?? serverErrors;
  const values =
    state.status === 'invalid' || state.status === 'unavailable' || state.status === 'suggest' ? state.values : state.status === 'sent' ? sentValues : {};
  const suggestion: Suggestion | null =
    checked?.in === state ? checked.suggestion : state.status === 'suggest' ? { for: state.values.email ?? '', to: state.suggestion, asked: true } : null;
  const showSuggestion = (next: Suggestion | null) => setChecked({ in: state, suggestion: next });

  // After a failed submit, take the person to the first field that needs attention.
  useEffect(() => {
    if (state.status === 'invalid') focusFirstError(formRef.current, state.errors, questions);
  }, [state, questions]);
  useEffect(() => {
    if (correcting === state) (formRef.current?.elements.namedItem('email') as HTMLInputElement | null)?.focus();
  }, [correcting, state]);
  useEffect(() => {
    if (suggestion?.asked) suggestionButton.current?.focus();
  }, [suggestion?.asked, suggestion?.for]);

  if (state.status === 'sent' && correcting !== state) {
    return <CheckInbox email={state.email} onCorrect={() => setCorrecting(state)} resendInterval={resendInterval} resendAction={resendAction} />;
  }

  async function onEmailBlur(input: HTMLInputElement) {
    const loaded = checks ?? (await loadChecks());
    const typed = input.value.trim();
    // Leaving the field for the suggestion's own buttons keeps it as it is.
    if (typed === suggestion?.for) return;
    const email = loaded && typed ? loaded.resolveEmail(typed) : null;
    showSuggestion(email && 'ask' in email ? { for: typed, to: email.ask, asked: false } : null);
  }

  function applySuggestion(event: MouseEvent<HTMLButtonElement>, chosen: Suggestion) {
    // With JavaScript the button fills the field (without it, it posts the form with the choice).
    event.preventDefault();
    const input = formRef.current?.elements.namedItem('email') as HTMLInputElement | null;
    if (!input) return;
    input.value = chosen.to;
    showSuggestion(null);
    if (chosen.asked) formRef.current?.requestSubmit();
    else input.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const found = checks?.validate(data, questions) ?? null;
    if (found) {
      event.preventDefault();
      setClientErrors(found);
      focusFirstError(event.currentTarget, found, questions);
      return;
    }
    setClientErrors(null);
    // A mistyped provider is asked about once before anything is sent, as the server would.
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const typed = text('email').trim();
    const email = checks?.resolveEmail(typed, text('emailChecked'));
    if (email && 'ask' in email) {
      event.preventDefault();
      showSuggestion({ for: typed, to: email.ask, asked: true });
      return;
    }
    setSentValues(Object.fromEntries([...data].filter((e): e is [string, string] => typeof e[1] === 'string')));
    // The page's form names a plain URL for browsers without JavaScript; here the action answers.
    if (postWithoutJavaScriptTo) {
      event.preventDefault();
      startTransition(() => formAction(data));
    }
  }

  const message = (field: SignatureField) =>
    errors[field]?.map((key) => t(`validation.${key}`, { max: (signatureLimits as Record<string, number>)[field] ?? 0 }));

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form
      ref={formRef}
      action={postWithoutJavaScriptTo ?? formAction}
      method={postWithoutJavaScriptTo ? 'post' : undefined}
      onSubmit={onSubmit}
      onFocus={() => void loadChecks()}
      noValidate
      className="sign-form"
      aria-labelledby="sign-title"
    >
      <h2 id="sign-title" className="sign-title">
        {t('form.title')}
      </h2>
      {hasErrors && (
        <p className="form-alert" role="alert">
          {t('form.errorSummary')}
        </p>
      )}
      {state.status === 'unavailable' && (
        <p className="form-alert" role="alert">
          {t('errors.unavailable')}
        </p>
      )}
      {state.status === 'closed' && (
        <p className="form-alert" role="alert">
          {t('errors.petitionClosed')}
        </p>
      )}

      <Field id="name" label={t('form.name')} errors={message('name')}>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          dir="auto"
          required
          maxLength={signatureLimits.name * 2}
          defaultValue={values.name}
          {...errorProps('name', errors)}
        />
      </Field>

      <Field id="email" label={t('form.email')} hint={t('form.emailHint')} errors={message('email')}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          dir="ltr"
          required
          defaultValue={values.email}
          onBlur={(e) => void onEmailBlur(e.currentTarget)}
          {...errorProps('email', errors, true, Boolean(suggestion))}
        />
      </Field>
      <div aria-live="polite">{suggestion && <EmailSuggestion suggestion={suggestion} firstButton={suggestionButton} onUse={applySuggestion} />}</div>

      <Field id="country" label={t('form.country')} errors={message('country')}>
        <select id="country" name="country" autoComplete="country" required defaultValue={values.country ?? ''} {...errorProps('country', errors)}>
          <option value="" disabled>
            {t('form.chooseCountry')}
          </option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>

      <Field id="postcode" label={t('form.postcode')} optional={t('form.optional')} errors={message('postcode')}>
        <input
          id="postcode"
          name="postcode"
          type="text"
          autoComplete="postal-code"
          dir="auto"
          defaultValue={values.postcode}
          {...errorProps('postcode', errors)}
        />
      </Field>

      <Field
        id="comment"
        label={t('form.comment')}
        optional={t('form.optional')}
        errors={message('comment')}
        hint={t('form.charactersLeft', { count: Math.max(0, signatureLimits.comment - commentLength) })}
      >
        <textarea
          id="comment"
          name="comment"
          rows={3}
          dir="auto"
          defaultValue={values.comment}
          onInput={(e) => setCommentLength(commentLengthOf(e.currentTarget.value))}
          {...errorProps('comment', errors, true)}
        />
      </Field>

      <SignQuestions questions={questions} errors={errors} values={values} />

      {!atRisk && (
        <>
          <div className="check">
            <input id="showName" name="showName" type="checkbox" defaultChecked={values.showName === 'on'} aria-describedby="showName-hint" />
            <div>
              <label htmlFor="showName">{t('form.showName')}</label>
              <span id="showName-hint" className="hint">
                {t('form.showNameHint')}
              </span>
            </div>
          </div>
          <div className="check">
            <input id="updates" name="updates" type="checkbox" defaultChecked={values.updates === 'on'} />
            <label htmlFor="updates">{consent?.controller ? <UpdatesFrom controller={consent.controller.name} /> : t('form.updates')}</label>
          </div>
          {consent?.partner && (
            <div className="check">
              <input id="partner" name="partner" type="checkbox" defaultChecked={values.partner === 'on'} />
              <label htmlFor="partner">
                <bdi>{consent.partner}</bdi>
              </label>
            </div>
          )}
        </>
      )}
      {consent && <DataControllerNote consent={consent} />}

      {/* For bots only: hidden from people and screen readers, skipped by the keyboard. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>

      <input type="hidden" name="locale" value={locale} />
      {source && <input type="hidden" name="source" value={source} />}
      {referral && <input type="hidden" name="ref" value={referral} />}

      <button type="submit" className="button button-primary button-block" disabled={pending} aria-disabled={pending}>
        {pending ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

function errorProps(field: SignatureField, errors: FieldErrors, withHint = false, suggested = false) {
  const invalid = Boolean(errors[field]?.length);
  const describedBy = [withHint || field === 'comment' ? `${field}-hint` : null, invalid ? `${field}-error` : null, suggested ? `${field}-suggestion` : null]
    .filter(Boolean)
    .join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined };
}

/**
 * "Did you mean amira@gmail.com?" under the email field. Never blocks: the hidden field tells the
 * server the suggestion was seen for this address, so any submit goes through. Without JavaScript
 * both buttons post the form: "Use" with the corrected address, "Keep" as typed.
 */
function EmailSuggestion({
  suggestion,
  firstButton,
  onUse,
}: {
  suggestion: Suggestion;
  firstButton: RefObject<HTMLButtonElement | null>;
  onUse: (e: MouseEvent<HTMLButtonElement>, s: Suggestion) => void;
}) {
  const t = useTranslations('form');
  const [before, after] = t('suggestEmail', { email: '\u0000' }).split('\u0000');
  return (
    <div id="email-suggestion" className="email-suggestion">
      <p>
        {before}
        <strong>
          <bdi dir="ltr">{suggestion.to}</bdi>
        </strong>
        {after}
      </p>
      <input type="hidden" name="emailChecked" value={suggestion.for} />
      <div className="button-row">
        <button ref={firstButton} type="submit" name="useEmail" value={suggestion.to} className="button button-secondary" onClick={(e) => onUse(e, suggestion)}>
          {t('useEmail', { email: suggestion.to })}
        </button>
        {suggestion.asked && (
          <button type="submit" className="button button-secondary">
            {t('keepEmail', { email: suggestion.for })}
          </button>
        )}
      </div>
    </div>
  );
}

function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors, questions: ShownQuestion[]) {
  const first = FIELD_ORDER.find((f) => errors[f]?.length);
  if (first) return (form?.elements.namedItem(first) as HTMLElement | null)?.focus();
  // A question's field: its text box, or the first of its choices.
  const question = questions.find((q) => errors[`answers.${q.id}`]?.length);
  if (question) form?.querySelector<HTMLElement>(`[name="answers.${question.id}"]`)?.focus();
}

/** "Email me updates about this petition from <organisation>", the organisation's name isolated. */
function UpdatesFrom({ controller }: { controller: string }) {
  const t = useTranslations('form');
  const [before, after] = t('updatesFrom', { name: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <bdi>{controller}</bdi>
      {after}
    </>
  );
}
