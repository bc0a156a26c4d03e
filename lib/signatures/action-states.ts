// What the signer's page's server actions (app/[locale]/(site)/s/[token]/actions.ts) answer.

/** Withdrawing a signature or stopping its emails. */
export type SignerActionState = { status: 'ready' | 'done' | 'invalid' };
