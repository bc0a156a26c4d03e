import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { QuestionsEditor } from '@/components/dashboard/questions-editor';
import { requireOrganiser } from '@/lib/auth/require';
import { getSignFormForOrganiser } from '@/lib/questions/save';
import { saveSignFormAction } from '../../../actions';
import { BackLink } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** The sign form's own questions and consent texts, for the petition's organisers. */
export default async function QuestionsPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/questions'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/questions`);
  const form = await getSignFormForOrganiser(actor, slug);
  if (!form) notFound();
  const [t, td] = await Promise.all([getTranslations('questions'), getTranslations('dashboard')]);
  return (
    <div className="container dashboard">
      <BackLink href={`/dashboard/petitions/${form.petition.slug}`}>
        <bdi>{form.petition.title || td('untitled')}</bdi>
      </BackLink>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {form.petition.atRisk && <p className="muted">{t('atRisk')}</p>}
      <QuestionsEditor
        slug={form.petition.slug}
        languages={form.languages}
        locale={locale}
        questions={form.questions}
        dataController={form.dataController}
        partnerOptIn={form.partnerOptIn}
        atRisk={form.petition.atRisk}
        action={saveSignFormAction}
      />
    </div>
  );
}
