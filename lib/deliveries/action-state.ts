/** What the delivery form shows after its action ran; plain data for the client component. */
export type DeliveryFormState =
  | { status: 'idle' }
  | { status: 'queued'; recipients: number; test: boolean }
  | { status: 'invalid'; errors: Record<string, string[]>; message: string }
  | { status: 'no_recipients'; message: string }
  | { status: 'too_many'; message: string }
  | { status: 'not_found' }
  | { status: 'signed_out' };

/** What the automatic-delivery plan form shows after saving. */
export type PlanFormState =
  { status: 'idle' } | { status: 'saved' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' } | { status: 'signed_out' };
