// What the sign-in forms' server actions (app/[locale]/(site)/login/actions.ts) answer, shared with
// the client components that show it.

/** The sign-in link form: nothing asked yet, the link sent, or the address refused (with what was typed). */
export type LoginState = { status: 'idle' } | { status: 'sent'; email: string } | { status: 'invalid'; error: string; email: string };

/** The button on an emailed sign-in link's page. */
export type SignInState = { status: 'ready' } | { status: 'invalid' };
