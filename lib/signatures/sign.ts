import 'server-only';
import { isSlug } from '@/lib/petitions/slug';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { getEnv } from '@/lib/env';
import { canonicalizeEmail } from './canonical-email';
import { forgetAddress, signingKeyAt } from '@/lib/privacy/petition-keys';
import { nameWordHashes } from '@/lib/privacy/keyed-hashes';
import { sealSigner } from '@/lib/privacy/signer-fields';
import { atRiskEmailKey, emailHashOf } from './email-hash';
import { domainOf, registrableDomain } from './email-domain';
import { isSilencedReason } from './email-limits';
import { queueAnotherSignatureEmail } from './resend';
import { translatorFor } from '@/lib/i18n/translate';
import { shownConsent } from '@/lib/questions/labels';
import { signingFormFor, type SigningForm } from '@/lib/questions/signing-form';
import { fieldErrorsOf, signatureInputFor, type FieldErrors, type SignatureInput } from './schemas';
import { insertSignature, type ConsentsGiven, type SignRow } from './statements';

export type SignResult =
  /** `slug`: the petition's current public address (the one signed may be an older one it was renamed from). */
  { status: 'pending_confirmation'; email: string; slug: string } | { status: 'invalid'; errors: FieldErrors } | { status: 'not_found' } | { status: 'closed' };

/**
 * Validates and records a signature with its confirmation email (in the outbox the worker relays
 * to the queue), atomically, in one statement. Idempotent per petition and canonical email; the
 * result never reveals whether the address signed before (a repeat gets another confirmation or an
 * "already signed" email, at most one per resend interval), nor whether a limit or block list held
 * it back. A signature withdrawn earlier is signed anew: pending again, with a new confirmation.
 * Held by the honeypot or a block list, or beyond its network's email budget: the same answer, no email.
 */
export async function signPetition(slug: string, raw: unknown, caller: { ip: string | null } = { ip: null }): Promise<SignResult> {
  // The petition's questions (kept per process for 2 s: not a read per signature) decide the schema.
  const form = isSlug(slug) ? await signingFormFor(slug) : null;
  const parsed = signatureInputFor(form?.questions ?? []).safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: fieldErrorsOf(parsed.error) };
  if (!isSlug(slug)) return { status: 'not_found' };
  const s = parsed.data;
  const consents = form ? consentsGiven(s, form) : null;
  const canonical = canonicalizeEmail(s.email);
  const domain = domainOf(canonical);
  const registrable = registrableDomain(domain);
  // The address is matched against the IP lists here: only hashes and answers reach the database.
  const keys = await callerKeys(caller.ip);

  const secret = getEnv().secret;
  const emailHash = emailHashOf(canonical, secret);
  const signatureKey = atRiskEmailKey(emailHash);
  const nameWords = nameWordHashes(s.name, secret);
  let row: SignRow | null = null;
  // The fields are sealed under the data key of the petition the address named when last asked (cached):
  // should the statement find another petition there now (renamed since), it records nothing and the
  // address is asked again, once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const target = await signingKeyAt(slug);
    if (!target) return { status: 'not_found' };
    const sealed = sealSigner(
      target.key,
      { petitionId: target.petitionId, signatureKey },
      { name: s.name, email: s.email, postcode: s.postcode ?? null, comment: s.comment ?? null },
    );
    row = await insertSignature(slug, {
      ...s,
      petitionId: target.petitionId,
      sealed,
      nameWords,
      signatureKey,
      emailHash,
      domain,
      emailDomain: registrable,
      keys,
      consents,
    });
    if (!row || row.petitionId === target.petitionId) break;
    forgetAddress(slug);
  }
  if (!row || row.status === 'draft') return { status: 'not_found' };
  if (row.status !== 'open') return { status: 'closed' };
  // A repeat (the address's signature is live): another email, unless this attempt itself would
  // have been silenced, within the signature's interval, cap and the network's budget.
  if (!row.recorded && !isSilencedReason(row.reason)) await queueAnotherSignatureEmail({ id: row.petitionId }, s.email, { ip: caller.ip });
  return { status: 'pending_confirmation', email: s.email, slug: row.slug };
}

/**
 * The consents this signature gives, each with the exact sentence the form showed the signer (in their
 * language, naming the data controller when the petition names one) and the language: the updates box
 * when ticked, the partner's question when the petition asks one and it was ticked. The time is the
 * signing statement's. Null for none. An at-risk petition offers neither (the statement enforces it too).
 */
export function consentsGiven(s: Pick<SignatureInput, 'updates' | 'partner' | 'locale'>, form: SigningForm): ConsentsGiven | null {
  if (form.atRisk || (!s.updates && !s.partner)) return null;
  // The petition's own texts are read in the signer's language when translated, else in the original's.
  const language = form.languages.includes(s.locale) ? s.locale : (form.languages[0] ?? s.locale);
  const shown = shownConsent(form.dataController, form.partnerOptIn, language, form.atRisk);
  const t = translatorFor(s.locale);
  const out: ConsentsGiven = {};
  if (s.updates) {
    out.updates = shown.controller
      ? { text: t('form.updatesFrom', { name: shown.controller.name }), language: s.locale, controller: shown.controller.name }
      : { text: t('form.updates'), language: s.locale };
  }
  if (s.partner && shown.partner) out.partner = { text: shown.partner, language, ...(shown.controller ? { controller: shown.controller.name } : {}) };
  return out.updates || out.partner ? out : null;
}
