import { getTranslations } from 'next-intl/server';
import type { DataController, LocalizedText, SignQuestion } from '@/db/schema/petitions';
import { ActionForm, type DashboardAction } from '@/components/dashboard/action-form';
import { questionKinds, questionLimits } from '@/lib/questions/limits';
import { QUESTION_SLOTS } from '@/lib/questions/schemas';

type Props = {
  slug: string;
  languages: string[];
  locale: string;
  questions: SignQuestion[];
  dataController: DataController | null;
  partnerOptIn: LocalizedText | null;
  atRisk: boolean;
  action: DashboardAction;
};

/**
 * The organisers' form for the sign form's own questions (five slots; a slot left without a label is
 * no question), the data controller and the partner opt-in, with a box per petition language. Plain
 * fields: it works without JavaScript. Each question's id travels hidden, so editing keeps it.
 */
export async function QuestionsEditor({ slug, languages, locale, questions, dataController, partnerOptIn, atRisk, action }: Props) {
  const t = await getTranslations('questions');
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const nameOf = (l: string) => names.of(l) ?? l;
  return (
    <ActionForm
      action={action}
      hidden={{ slug }}
      submitLabel={t('save')}
      doneMessage={t('saved')}
      variant="primary"
      className="stack-form questions-editor"
      keepFields
    >
      {Array.from({ length: QUESTION_SLOTS }, (_, i) => {
        const q = questions[i];
        const id = (field: string) => `q${i}-${field}`;
        const offered = q?.choices.filter((c) => !c.retired) ?? [];
        return (
          <fieldset key={i} className="card">
            <legend>{t('question', { n: i + 1 })}</legend>
            {q && <input type="hidden" name={`q${i}.id`} value={q.id} />}
            <label htmlFor={id('kind')}>{t('kind')}</label>
            <select id={id('kind')} name={`q${i}.kind`} defaultValue={q?.kind ?? 'text'}>
              {questionKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
            <div className="check">
              <input id={id('required')} name={`q${i}.required`} type="checkbox" defaultChecked={q?.required ?? false} />
              <label htmlFor={id('required')}>{t('required')}</label>
            </div>
            {languages.map((l) => (
              <div key={l} className="stack-form">
                <label htmlFor={id(`label-${l}`)}>{t('label', { language: nameOf(l) })}</label>
                <input
                  id={id(`label-${l}`)}
                  name={`q${i}.label.${l}`}
                  lang={l}
                  dir="auto"
                  maxLength={questionLimits.label * 2}
                  defaultValue={q?.label[l] ?? ''}
                />
                <label htmlFor={id(`choices-${l}`)}>{t('choices', { language: nameOf(l) })}</label>
                <textarea
                  id={id(`choices-${l}`)}
                  name={`q${i}.choices.${l}`}
                  lang={l}
                  dir="auto"
                  rows={3}
                  aria-describedby="choices-hint"
                  defaultValue={offered.map((c) => c.label[l] ?? '').join('\n')}
                />
              </div>
            ))}
          </fieldset>
        );
      })}
      <p id="choices-hint" className="hint">
        {t('choicesHint', { max: questionLimits.choices })}
      </p>

      <fieldset className="card">
        <legend>{t('controllerTitle')}</legend>
        <p className="hint">{t('controllerIntro')}</p>
        {languages.map((l) => (
          <div key={l} className="stack-form">
            <label htmlFor={`controller-${l}`}>{t('controllerName', { language: nameOf(l) })}</label>
            <input
              id={`controller-${l}`}
              name={`controller.name.${l}`}
              lang={l}
              dir="auto"
              maxLength={questionLimits.controller * 2}
              defaultValue={dataController?.name[l] ?? ''}
            />
          </div>
        ))}
        <label htmlFor="controller-url">{t('controllerUrl')}</label>
        <input id="controller-url" name="controller.url" type="url" dir="ltr" placeholder="https://" defaultValue={dataController?.url ?? ''} />
      </fieldset>

      <fieldset className="card">
        <legend>{t('partnerTitle')}</legend>
        <p className="hint">{atRisk ? t('partnerAtRisk') : t('partnerIntro')}</p>
        {languages.map((l) => (
          <div key={l} className="stack-form">
            <label htmlFor={`partner-${l}`}>{t('partnerText', { language: nameOf(l) })}</label>
            <input
              id={`partner-${l}`}
              name={`partner.${l}`}
              lang={l}
              dir="auto"
              maxLength={questionLimits.partner * 2}
              defaultValue={partnerOptIn?.[l] ?? ''}
            />
          </div>
        ))}
      </fieldset>
    </ActionForm>
  );
}
