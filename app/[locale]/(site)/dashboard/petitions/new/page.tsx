import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PetitionEditor } from '@/components/dashboard/petition-editor';
import { requireOrganiser } from '@/lib/auth/require';
import { petitionLanguageOptions } from '@/lib/petitions/languages';
import { savePetitionAction } from '../../actions';

export const dynamic = 'force-dynamic';

export default async function NewPetitionPage({ params }: PageProps<'/[locale]/dashboard/petitions/new'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireOrganiser(locale, '/dashboard/petitions/new');
  const t = await getTranslations('editor');
  return (
    <div className="container narrow-wide">
      <h1>{t('newTitle')}</h1>
      <PetitionEditor
        action={savePetitionAction}
        currentSlug={null}
        status="draft"
        languages={petitionLanguageOptions(locale)}
        initial={{ slug: '', title: '', summary: '', body: '', target: '', goal: '', language: locale, closesOn: '', demands: [] }}
      />
    </div>
  );
}
