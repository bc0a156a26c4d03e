'use server';

import { stopSignerEmails, withdrawSignature } from '@/lib/signatures/self-service';
import type { SignerActionState } from '@/lib/signatures/action-states';

/** Withdraws the signature the emailed link was made for; a POST, since mail scanners follow links. */
export async function withdrawAction(token: string, _prev: SignerActionState, _form: FormData): Promise<SignerActionState> {
  return { status: (await withdrawSignature(token)) === 'withdrawn' ? 'done' : 'invalid' };
}

/** Stops every email about the signature. */
export async function stopEmailsAction(token: string, _prev: SignerActionState, _form: FormData): Promise<SignerActionState> {
  return { status: (await stopSignerEmails(token)) ? 'done' : 'invalid' };
}
