// What the report form's server action (app/[locale]/(site)/p/[slug]/report/actions.ts) answers.

/** Reporting a petition. */
export type ReportState = { status: 'idle' } | { status: 'received' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' };
