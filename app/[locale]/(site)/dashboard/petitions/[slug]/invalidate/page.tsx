import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { BulkRuleForm } from '@/components/dashboard/bulk-rule-form';
import { requireOrganiser } from '@/lib/auth/require';
import { findPetitionForModeration } from '@/lib/moderation/invalidate';
import { bulkSignaturesAction } from '../../../actions';
import { BackToPetition } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** Bulk invalidation and restoring by rule, for the petition's organisers and platform admins; counting held signatures, for admins. */
export default async function InvalidatePage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/invalidate'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/invalidate`);
  const petition = await findPetitionForModeration(actor, slug);
  if (!petition) notFound();
  const t = await getTranslations('moderation');
  return (
    <div className="container dashboard">
      <BackToPetition petition={petition} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {!actor.isAdmin && <p className="hint">{t('heldNote')}</p>}
      <div className="card">
        <BulkRuleForm slug={petition.slug} isAdmin={actor.isAdmin} action={bulkSignaturesAction} />
      </div>
    </div>
  );
}
