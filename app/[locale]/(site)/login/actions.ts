'use server';

import { getLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { consumeLoginToken, loginInput, requestLoginLink } from '@/lib/auth/login';
import { endSession, startSession } from '@/lib/auth/session';
import { clientIpFrom } from '@/lib/http/client-ip';
import { localizedPath } from '@/lib/i18n/paths';
import { safeLocalPath } from '@/lib/security/paths';
import type { LoginState, SignInState } from '@/lib/auth/action-states';

/** Emails a sign-in link; the answer is the same whether or not the address has an account. */
export async function requestLoginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const typed = form.get('email');
  const email = typeof typed === 'string' ? typed : '';
  const parsed = loginInput.safeParse({ email });
  if (!parsed.success) return { status: 'invalid', error: parsed.error.issues[0]!.message, email: email.slice(0, 254) };
  await requestLoginLink(parsed.data.email, { locale: await getLocale(), next: safeLocalPath(form.get('next')), ip: clientIpFrom(await headers()) });
  return { status: 'sent', email: parsed.data.email };
}

/** Follows a sign-in link with a POST (link scanners only GET): uses the token once and starts a session. */
export async function signInAction(token: string, next: string, _prev: SignInState, _form: FormData): Promise<SignInState> {
  const result = await consumeLoginToken(token);
  if (!result) return { status: 'invalid' };
  await startSession(result.accountId);
  redirect(localizedPath(await getLocale(), safeLocalPath(next)));
}

/** Signs out: the session ends on the server, not only in the browser. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect(localizedPath(await getLocale(), '/'));
}
