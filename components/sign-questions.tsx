import { useTranslations } from 'next-intl';
import type { ShownConsent, ShownQuestion } from '@/lib/questions/labels';
import { answerField, questionLimits } from '@/lib/questions/limits';
import type { FieldErrors } from '@/lib/signatures/fields';

// The petition's own questions and its consent lines, inside the sign form (components/sign-form.tsx).
// Plain inputs named `answers.<question id>`: the same post works without JavaScript.

/** The element ids of a question's field and error line. */
export const questionDomId = (id: string) => `q-${id}`;

/** The petition's questions, each with its errors next to it and what was typed kept. */
export function SignQuestions({ questions, errors, values }: { questions: ShownQuestion[]; errors: FieldErrors; values: Record<string, string> }) {
  const t = useTranslations();
  return questions.map((q) => {
    const name = answerField(q.id);
    const id = questionDomId(q.id);
    const messages = errors[name as keyof FieldErrors]?.map((key) => t(`validation.${key}`, { max: questionLimits.answer }));
    const invalid = Boolean(messages?.length);
    const kept = values[name];
    const optional = q.required ? null : <span className="optional"> ({t('form.optional')})</span>;
    const error = invalid ? (
      <p id={`${id}-error`} className="field-error">
        {messages!.join(' ')}
      </p>
    ) : null;
    if (q.kind === 'text') {
      return (
        <div key={q.id} className={`field${invalid ? ' field-invalid' : ''}`}>
          <label htmlFor={id}>
            <bdi>{q.label}</bdi>
            {optional}
          </label>
          <input
            id={id}
            name={name}
            type="text"
            dir="auto"
            maxLength={questionLimits.answer * 2}
            defaultValue={kept}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
          />
          {error}
        </div>
      );
    }
    const options =
      q.kind === 'yesno'
        ? [
            { id: 'yes', label: t('form.yes') },
            { id: 'no', label: t('form.no') },
          ]
        : q.choices;
    const ticked = new Set(kept?.split(',') ?? []);
    return (
      <fieldset
        key={q.id}
        id={id}
        className={`question${invalid ? ' field-invalid' : ''}`}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        <legend>
          <bdi>{q.label}</bdi>
          {optional}
        </legend>
        {options.map((c) => (
          <div key={c.id} className="check">
            <input id={`${id}-${c.id}`} name={name} value={c.id} type={q.kind === 'many' ? 'checkbox' : 'radio'} defaultChecked={ticked.has(c.id)} />
            <label htmlFor={`${id}-${c.id}`}>
              <bdi>{c.label}</bdi>
            </label>
          </div>
        ))}
        {error}
      </fieldset>
    );
  });
}

/** Who holds the signers' data, with its privacy page when given: said beside the updates box. */
export function DataControllerNote({ consent }: { consent: ShownConsent }) {
  const t = useTranslations('form');
  if (!consent.controller) return null;
  const [before, after] = t('controller', { name: '\u0000' }).split('\u0000');
  return (
    <p className="hint controller-note">
      {before}
      <bdi>{consent.controller.name}</bdi>
      {after}{' '}
      {consent.controller.url && (
        <a href={consent.controller.url} rel="noopener noreferrer nofollow" target="_blank">
          {t('controllerPrivacy')}
        </a>
      )}
    </p>
  );
}
