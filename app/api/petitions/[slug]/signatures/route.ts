import { answerSignApi } from '@/lib/signatures/answer-sign-api';

type Context = { params: Promise<{ slug: string }> };

/** Sign a petition: the same domain call as the sign form (server.ts answers this path itself with the same function, before Next). */
export async function POST(req: Request, ctx: Context): Promise<Response> {
  return answerSignApi(req, (await ctx.params).slug);
}
