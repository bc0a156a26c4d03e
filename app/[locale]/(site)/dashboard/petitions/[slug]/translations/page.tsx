import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { requireOrganiser } from '@/lib/auth/require';
import { locales } from '@/lib/i18n/locales';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { petitionLimits } from '@/lib/petitions/schemas';
import { listTranslations } from '@/lib/petitions/translations';
import { removeTranslationAction, saveTranslationAction } from '../../../actions';
import { BackLink } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** The petition's text in the other interface languages, one form per language. */
export default async function TranslationsPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/translations'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/translations`);
  const petition = await getPetitionForOrganiser(actor, slug);
  if (!petition) notFound();
  const [t, te, existing] = await Promise.all([getTranslations('dashboard'), getTranslations('editor'), listTranslations(petition.id)]);
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const byLanguage = new Map(existing.map((x) => [x.language, x]));

  return (
    <div className="container dashboard">
      <BackLink href={`/dashboard/petitions/${petition.slug}`}>
        <bdi>{petition.title || t('untitled')}</bdi>
      </BackLink>
      <h1>{t('translations')}</h1>
      <p>{t('translationsIntro')}</p>
      <p className="muted">{t('original', { language: names.of(petition.language) ?? petition.language })}</p>
      {locales
        .filter((l) => l !== petition.language)
        .map((language) => {
          const current = byLanguage.get(language);
          const id = (field: string) => `tr-${language}-${field}`;
          return (
            <section key={language} className="card translation" aria-labelledby={id('heading')}>
              <h2 id={id('heading')}>{names.of(language) ?? language}</h2>
              {!current && <p className="muted">{t('translationMissing')}</p>}
              <ActionForm
                action={saveTranslationAction}
                hidden={{ slug: petition.slug, language }}
                submitLabel={t('saveTranslation')}
                doneMessage={t('translationSaved')}
                variant="primary"
                className="stack-form"
              >
                <label htmlFor={id('title')}>{te('title')}</label>
                <input id={id('title')} name="title" lang={language} dir="auto" required maxLength={petitionLimits.title * 2} defaultValue={current?.title} />
                <label htmlFor={id('summary')}>{te('summary')}</label>
                <textarea
                  id={id('summary')}
                  name="summary"
                  lang={language}
                  dir="auto"
                  required
                  rows={3}
                  maxLength={petitionLimits.summary * 2}
                  defaultValue={current?.summary}
                />
                <label htmlFor={id('target')}>{te('target')}</label>
                <input
                  id={id('target')}
                  name="target"
                  lang={language}
                  dir="auto"
                  required
                  maxLength={petitionLimits.target * 2}
                  defaultValue={current?.target}
                />
                <label htmlFor={id('demands')}>{t('translationDemands')}</label>
                <textarea id={id('demands')} name="demands" lang={language} dir="auto" required rows={4} defaultValue={current?.demands.join('\n')} />
                <label htmlFor={id('body')}>
                  {te('body')} <span className="muted">({te('optional')})</span>
                </label>
                <textarea id={id('body')} name="body" lang={language} dir="auto" rows={8} maxLength={petitionLimits.body * 2} defaultValue={current?.body} />
              </ActionForm>
              {current && (
                <ActionForm
                  action={removeTranslationAction}
                  hidden={{ slug: petition.slug, language }}
                  submitLabel={t('removeTranslation')}
                  doneMessage={t('translationRemoved')}
                  variant="danger"
                />
              )}
            </section>
          );
        })}
    </div>
  );
}
