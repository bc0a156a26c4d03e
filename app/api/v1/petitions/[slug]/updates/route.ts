import { apiError, invalidFields, json, readJsonObject } from '@/lib/http/json';
import { withApiKey } from '@/lib/organiser-api/route';
import { sendUpdate } from '@/lib/updates/updates';

type Context = { params: Promise<{ slug: string }> };

/** Creates and sends an update to the opted-in signers ({ subject, body }), under the dashboard's weekly cap. */
export const POST = withApiKey(async (req, actor, ctx: Context) => {
  const { slug } = await ctx.params;
  const result = await sendUpdate(actor, slug, (await readJsonObject(req)) ?? {});
  if (result.status === 'not_found') return apiError(req, 404, 'not_found', 'api.notYourPetition');
  if (result.status === 'capped') return apiError(req, 429, 'capped', 'api.updatesCapped');
  if (result.status === 'invalid') return invalidFields(req, 'updates', result.errors);
  return json({ status: 'queued', recipients: result.recipients }, { status: 202 });
});
