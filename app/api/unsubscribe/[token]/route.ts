import { json, withErrorHandling } from '@/lib/http/json';
import { unsubscribeFromUpdates } from '@/lib/updates/unsubscribe';

type Context = { params: Promise<{ token: string }> };

/** RFC 8058 one-click unsubscribe: mailbox providers POST here; the signed token is the credential. */
export const POST = withErrorHandling(async (_req: Request, ctx: Context) => {
  const { token } = await ctx.params;
  const ok = await unsubscribeFromUpdates(token);
  return json({ unsubscribed: ok }, { status: ok ? 200 : 404 });
});
