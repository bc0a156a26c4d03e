import 'server-only';
import type { Organiser } from '@/lib/auth/session';
import { listOrganisers } from '@/lib/organisers/invites';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { listUpdatesForOrganiser } from '@/lib/updates/updates';
import { getDashboard, listSignaturesForOrganiser } from './queries';

/**
 * Everything a petition's overview page shows, read at once, for its organisers only (null
 * otherwise, never saying which): the petition, its team, the signature dashboard, the latest
 * signatures (or those `q` finds) and the updates sent. `readAt` is when it was read: the charts'
 * "now", and the cover's version in its URL (a replaced cover shows at once).
 */
export async function getPetitionOverview(actor: Organiser, slug: string, q: string) {
  const [petition, team, dashboard, signatures, updates] = await Promise.all([
    getPetitionForOrganiser(actor, slug),
    listOrganisers(actor, slug),
    getDashboard(actor, slug),
    listSignaturesForOrganiser(actor, slug, { q }),
    listUpdatesForOrganiser(actor, slug),
  ]);
  if (!petition || !team || !dashboard || !signatures || !updates) return null;
  return { petition, team, dashboard, signatures, updates, readAt: new Date() };
}

export type PetitionOverview = NonNullable<Awaited<ReturnType<typeof getPetitionOverview>>>;
