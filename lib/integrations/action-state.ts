/** What an integrations form shows after its action ran: a secret (shown this once), errors, or why nothing happened. */
export type SecretFormState =
  | { status: 'idle' }
  | { status: 'done'; secret?: string }
  | { status: 'invalid'; errors: Record<string, string[]> }
  | { status: 'too_many' }
  | { status: 'not_found' }
  | { status: 'signed_out' };
