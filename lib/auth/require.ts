import 'server-only';
import { redirect } from 'next/navigation';
import { localizedPath } from '@/lib/i18n/paths';
import { getCurrentOrganiser, type Organiser } from './session';

/** For organiser pages: the signed-in organiser, or a redirect to sign in and come back. */
export async function requireOrganiser(locale: string, returnTo: string): Promise<Organiser> {
  const actor = await getCurrentOrganiser();
  if (!actor) redirect(`${localizedPath(locale, '/login')}?next=${encodeURIComponent(returnTo)}`);
  return actor;
}
