import { answerConfirmApi } from '@/lib/signatures/answer-confirm-api';

/** Confirms a signature with the token from its email (server.ts answers this path itself with the same function, before Next). */
export async function POST(req: Request): Promise<Response> {
  return answerConfirmApi(req);
}
