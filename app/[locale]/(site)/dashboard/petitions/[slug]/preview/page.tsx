import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PetitionView } from '@/components/petition-view';
import { requireOrganiser } from '@/lib/auth/require';
import { Link } from '@/lib/i18n/navigation';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** The page as the public will see it, drafts included, for its organisers only. */
export default async function PreviewPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/preview'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/preview`);
  const petition = await getPetitionForOrganiser(actor, slug);
  if (!petition) notFound();
  const t = await getTranslations('dashboard');
  return (
    <>
      <div className="container">
        <p className="preview-banner" role="note">
          {t('previewBanner')} <Link href={`/dashboard/petitions/${petition.slug}/edit`}>{t('edit')}</Link>
        </p>
      </div>
      <PetitionView petition={petition} locale={locale} signing={<p className="muted">{t('previewFormNote')}</p>} />
    </>
  );
}
