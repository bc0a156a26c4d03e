/** What a dashboard form shows after its action ran; plain data for client components. */
export type DashboardActionState =
  { status: 'idle' } | { status: 'done' } | { status: 'invalid'; error: string } | { status: 'not_found' } | { status: 'signed_out' };

export type EditorState =
  | { status: 'idle' }
  | { status: 'invalid'; errors: Record<string, string[]>; values: Record<string, unknown> }
  | { status: 'not_found' }
  | { status: 'signed_out' };

export type UpdateFormState =
  | { status: 'idle' }
  | { status: 'queued'; recipients: number }
  | { status: 'invalid'; errors: Record<string, string[]>; subject: string; body: string }
  | { status: 'capped' }
  | { status: 'not_found' }
  | { status: 'signed_out' };

/** The bulk rule form: what matched (after a preview) or what changed, with the rule kept in the form. */
export type BulkFormState =
  | { status: 'idle' }
  | { status: 'matched'; matching: number; counted: number; held: number; restorable: number; matchesAll: boolean; values: Record<string, string | undefined> }
  | { status: 'done'; intent: 'invalidate' | 'release' | 'restore'; changed: number; values: Record<string, string | undefined> }
  | { status: 'matches_all'; matching: number; values: Record<string, string | undefined> }
  | { status: 'admin_only'; values: Record<string, string | undefined> }
  | { status: 'invalid'; field: string; values: Record<string, string | undefined> }
  | { status: 'not_found' }
  | { status: 'signed_out' };
