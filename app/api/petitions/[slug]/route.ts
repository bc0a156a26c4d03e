import { getEnv } from '@/lib/env';
import { apiTranslator, json, withErrorHandling, type ErrorBody, liveDataHeaders } from '@/lib/http/json';
import { toApiPetition, type ApiPetition } from '@/lib/petitions/api';
import { getPublicPetition } from '@/lib/petitions/queries';
import { getAccountability, toApiAccountability } from '@/lib/responses/public';

type Context = { params: Promise<{ slug: string }> };

export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const petition = await getPublicPetition(slug);
  if (!petition) {
    return json<ErrorBody>({ error: 'not_found', message: apiTranslator(req)('errors.petitionNotFound') }, { status: 404 });
  }
  const accountability = toApiAccountability(await getAccountability(petition.id));
  return json<ApiPetition & typeof accountability>(
    { ...toApiPetition(petition, getEnv().appUrl), ...accountability },
    {
      headers: liveDataHeaders(),
    },
  );
});
