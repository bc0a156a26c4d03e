import { getTranslations } from 'next-intl/server';
import { ActionForm, type DashboardAction } from '@/components/dashboard/action-form';
import { countryName } from '@/lib/countries';
import type { PetitionOverview } from '@/lib/dashboard/overview';
import { formatMoment } from '@/lib/i18n/format';
import type { SignQuestion } from '@/db/schema/petitions';
import { answerText, textIn } from '@/lib/questions/labels';

/** The latest signers (or those the search found), as organisers may see them, each comment with its hide/show button. */
export async function SignerList({
  slug,
  signatures,
  q,
  locale,
  hideCommentAction,
  questions = [],
  language = locale,
}: {
  /** The petition's questions: one column each, headed and answered in the petition's language. */
  questions?: SignQuestion[];
  language?: string;
  slug: string;
  signatures: PetitionOverview['signatures'];
  q: string;
  locale: string;
  hideCommentAction: DashboardAction;
}) {
  const [ts, tf] = await Promise.all([getTranslations('stats'), getTranslations('form')]);
  const yesNo = { yes: tf('yes'), no: tf('no') };
  return (
    <section className="card" aria-labelledby="signers-title">
      <h2 id="signers-title">{ts('recent')}</h2>
      {/* Posted: what is typed (a name, an address) stays out of the page's address and every log of it. */}
      <form method="post" action={`/api/dashboard/petitions/${slug}/search`} role="search" className="search-row">
        <input type="hidden" name="locale" value={locale} />
        <label htmlFor="signature-search">{ts('search')}</label>
        <input id="signature-search" name="q" type="search" defaultValue={q} dir="auto" />
        <button type="submit" className="button button-secondary">
          {ts('searchButton')}
        </button>
      </form>
      <p className="hint">{ts('emailsNote')}</p>
      <table className="table signers">
        <thead>
          <tr>
            <th scope="col">{ts('name')}</th>
            <th scope="col">{ts('email')}</th>
            <th scope="col">{ts('country')}</th>
            <th scope="col">{ts('time')}</th>
            <th scope="col">{ts('comment')}</th>
            {questions.map((q) => (
              <th key={q.id} scope="col" lang={language} dir="auto">
                {textIn(q.label, language)}
              </th>
            ))}
            <th scope="col">{ts('consents')}</th>
          </tr>
        </thead>
        <tbody>
          {signatures.map((s) => (
            <tr key={s.id}>
              <td dir="auto">
                {s.name ?? <span className="muted">{ts('nameWithheld')}</span>}
                {s.status !== 'confirmed' && <span className="muted"> ({ts(`statuses.${s.status}`)})</span>}
              </td>
              <td dir="ltr">
                {s.email ?? (
                  <span className="muted" dir="auto">
                    {ts('emailWithheld')}
                  </span>
                )}
              </td>
              <td>{countryName(locale, s.country)}</td>
              <td>
                <time dateTime={s.createdAt.toISOString()}>{formatMoment(locale, s.createdAt)}</time>
              </td>
              <td>
                {s.comment && (
                  <span dir="auto" className={s.commentHidden ? 'comment-hidden' : undefined}>
                    {s.comment}
                  </span>
                )}
                {s.comment && (
                  <ActionForm
                    action={hideCommentAction}
                    hidden={{ slug, signatureId: String(s.id), hidden: String(!s.commentHidden) }}
                    className="inline-action"
                    submitLabel={s.commentHidden ? ts('showComment') : ts('hideComment')}
                    doneMessage={ts('commentUpdated')}
                  />
                )}
              </td>
              {questions.map((q) => (
                <td key={q.id} lang={language} dir="auto">
                  {answerText(q, s.answers?.[q.id], language, yesNo)}
                </td>
              ))}
              <td>
                {(['updates', 'partner'] as const)
                  .filter((purpose) => s.consents?.[purpose])
                  .map((purpose) => ts(`consentPurposes.${purpose}`))
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {signatures.length === 0 && <p className="muted">{ts('noSignatures')}</p>}
    </section>
  );
}
