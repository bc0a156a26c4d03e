// What the unsubscribe page's server action (app/[locale]/(site)/unsubscribe/[token]/actions.ts) answers.

/** The unsubscribe link's button. */
export type UnsubscribeState = { status: 'ready' | 'done' | 'invalid' };
