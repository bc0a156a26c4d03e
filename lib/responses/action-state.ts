/** What a response or outcome form shows after its action ran; keeps what was typed when refused. */
export type ResponseFormState =
  | { status: 'idle' }
  | { status: 'done' }
  | { status: 'used' }
  | { status: 'invalid'; errors: Record<string, string[]>; values: Record<string, string> }
  | { status: 'not_found' }
  | { status: 'signed_out' };
