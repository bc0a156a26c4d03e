import { apiError, invalidFields, json, readJsonObject } from '@/lib/http/json';
import { withApiKey } from '@/lib/organiser-api/route';
import { recordResponse } from '@/lib/responses/record';

type Context = { params: Promise<{ slug: string }> };

/** Records a target's response ({ targetId, body, respondedOn?, sourceUrl? }), as the dashboard's form does. */
export const POST = withApiKey(async (req, actor, ctx: Context) => {
  const { slug } = await ctx.params;
  const result = await recordResponse(actor, slug, (await readJsonObject(req)) ?? {});
  if (result.status === 'not_found') return apiError(req, 404, 'not_found', 'api.notYourPetition');
  if (result.status === 'invalid') return invalidFields(req, 'responses', result.errors);
  return json({ status: 'recorded' }, { status: 201 });
});
