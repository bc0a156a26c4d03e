// What the invitation page's server action (app/[locale]/(site)/invites/[token]/actions.ts) answers.

/** Accepting a co-organiser invitation. */
export type InviteState = { status: 'ready' } | { status: 'invalid' } | { status: 'wrong_account'; email: string } | { status: 'signed_out' };
