import { json } from '@/lib/http/json';
import { listPetitionsForApi } from '@/lib/organiser-api/read';
import { withApiKey } from '@/lib/organiser-api/route';

/** The API key's organiser's petitions with their figures. */
export const GET = withApiKey(async (_req, actor) => json({ petitions: await listPetitionsForApi(actor) }));
