import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { json, openDataHeaders, withErrorHandling } from '@/lib/http/json';
import { toApiPetitionSummary, type ApiPetitionSummary } from '@/lib/petitions/api';
import { listOpenPetitions } from '@/lib/petitions/queries';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  perPage: z.coerce.number().int().min(1).max(100).catch(20),
});

type ListBody = { petitions: ApiPetitionSummary[]; page: number; perPage: number; next: string | null };

export const GET = withErrorHandling(async (req: Request) => {
  const url = new URL(req.url);
  const { page, perPage } = listQuery.parse(Object.fromEntries(url.searchParams));
  const rows = await listOpenPetitions({ limit: perPage + 1, offset: (page - 1) * perPage });
  const appUrl = getEnv().appUrl;
  const hasMore = rows.length > perPage;
  return json<ListBody>(
    {
      petitions: rows.slice(0, perPage).map((p) => toApiPetitionSummary(p, appUrl)),
      page,
      perPage,
      next: hasMore ? `${appUrl}/api/petitions?page=${page + 1}&perPage=${perPage}` : null,
    },
    { headers: openDataHeaders(10) },
  );
});
