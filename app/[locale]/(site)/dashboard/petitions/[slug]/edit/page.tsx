import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PetitionEditor } from '@/components/dashboard/petition-editor';
import { requireOrganiser } from '@/lib/auth/require';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { petitionLanguageOptions } from '@/lib/petitions/languages';
import { listTargets } from '@/lib/targets/queries';
import { savePetitionAction } from '../../../actions';
import { BackLink } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';

export default async function EditPetitionPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/edit'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/edit`);
  const petition = await getPetitionForOrganiser(actor, slug);
  if (!petition) notFound();
  const [t, targets] = await Promise.all([getTranslations('editor'), listTargets(petition.id)]);
  return (
    <div className="container narrow-wide">
      <BackLink href={`/dashboard/petitions/${petition.slug}`}>{t('back')}</BackLink>
      <h1>{t('editTitle')}</h1>
      <PetitionEditor
        action={savePetitionAction}
        currentSlug={petition.slug}
        status={petition.status}
        languages={petitionLanguageOptions(locale)}
        initial={{
          slug: petition.slug,
          title: petition.title,
          summary: petition.summary,
          body: petition.body,
          target: petition.target,
          targets: targets.map((x) => ({ id: x.id, name: x.name, role: x.role, email: x.email ?? '', language: x.language })),
          goal: String(petition.goal),
          language: petition.language,
          closesOn: petition.closesOn ?? '',
          demands: petition.demands,
        }}
      />
    </div>
  );
}
