import { answerSignForm } from '@/lib/signatures/answer-sign-form';

type Context = { params: Promise<{ slug: string }> };

/** The sign form as a browser without JavaScript posts it (server.ts answers this path itself with the same function, before Next). */
export async function POST(req: Request, ctx: Context): Promise<Response> {
  return answerSignForm(req, (await ctx.params).slug);
}
