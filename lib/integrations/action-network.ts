import 'server-only';
import type { SignQuestion } from '@/db/schema/petitions';
import { getEnv } from '@/lib/env';
import { textIn } from '@/lib/questions/labels';
import type { SignerPayload } from './payload';
import { safeRequest, type Answer } from './safe-request';

// Action Network speaks OSDI. A consenting signer is recorded with the "record signature helper":
// POST {base}/petitions/{id}/signatures with the person (given and family name, email address, postal
// code and country) and custom fields; the header OSDI-API-Token carries the organiser's key. Action
// Network offers no way to delete a signature: a withdrawal updates the recorded signature (PUT on
// the link the helper answered with) with the custom field `undersign_withdrawn` set to the time,
// which an Action Network report or a tag rule can act on, and unsubscribes nobody by address (the
// platform no longer gives it out once withdrawn).

/** The petition's signatures collection on Action Network (the base URL is ACTION_NETWORK_URL). */
export function actionNetworkSignaturesUrl(petitionId: string): string {
  return `${getEnv().actionNetworkUrl}/petitions/${encodeURIComponent(petitionId)}/signatures`;
}

/** Splits a full name into OSDI's given and family names at the last space (one word: given name only). */
export function splitName(name: string): { given_name: string; family_name?: string } {
  const trimmed = name.trim();
  const at = trimmed.lastIndexOf(' ');
  return at > 0 ? { given_name: trimmed.slice(0, at), family_name: trimmed.slice(at + 1) } : { given_name: trimmed };
}

/**
 * An answer as an Action Network custom field: a choice's label in the petition's language (a choice id
 * means nothing in a CRM), several joined by commas; `yes`/`no` and texts as they are.
 */
function customFieldValue(question: SignQuestion | undefined, answer: string | string[], language: string): string {
  const ids = Array.isArray(answer) ? answer : [answer];
  if (!question || (question.kind !== 'one' && question.kind !== 'many')) return ids.join(', ');
  return ids.map((id) => textIn(question.choices.find((c) => c.id === id)?.label, language) || id).join(', ');
}

/** A signer's answers as OSDI custom fields `undersign_q_<question id>`, choices by their labels in `language`. */
export function osdiAnswerFields(answers: Record<string, string | string[]>, questions: readonly SignQuestion[], language: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(answers).map(([id, v]) => [
      `undersign_q_${id}`,
      customFieldValue(
        questions.find((q) => q.id === id),
        v,
        language,
      ),
    ]),
  );
}

/** The record signature helper's body for a consenting signer, choice answers by their labels in `language`. */
export function osdiSignatureBody(
  signer: Extract<SignerPayload, { opted_in: true }>,
  petitionSlug: string,
  questions: readonly SignQuestion[],
  language: string,
) {
  return {
    person: {
      ...splitName(signer.name ?? ''),
      email_addresses: [{ address: signer.email! }],
      postal_addresses: [{ ...(signer.postcode ? { postal_code: signer.postcode } : {}), country: signer.country }],
    },
    // The signer's answers to the organiser's questions, as custom fields named by question id.
    custom_fields: {
      ...osdiAnswerFields(signer.answers, questions, language),
      undersign_petition: petitionSlug,
      undersign_signature_id: String(signer.id),
      ...(signer.comment ? { comment: signer.comment } : {}),
      ...(signer.source ? { source: signer.source } : {}),
    },
    // Action Network emails the person its own autoresponse unless told not to; the platform already did.
    triggers: { autoresponse: { enabled: false } },
  };
}

/** Records a consenting signer on the connected Action Network petition. */
export function pushSignature(anPetitionId: string, apiKey: string, body: object): Promise<Answer> {
  return safeRequest(actionNetworkSignaturesUrl(anPetitionId), { method: 'POST', body: JSON.stringify(body), headers: { 'osdi-api-token': apiKey } });
}

/** Marks a signature recorded earlier (its link on Action Network) as withdrawn. */
export function markWithdrawn(signatureUrl: string, apiKey: string, at: Date): Promise<Answer> {
  return safeRequest(signatureUrl, {
    method: 'PUT',
    body: JSON.stringify({ custom_fields: { undersign_withdrawn: at.toISOString() } }),
    headers: { 'osdi-api-token': apiKey },
  });
}

/** The recorded signature's own link from the helper's answer (`_links.self.href`), if any and on ACTION_NETWORK_URL. */
export function signatureLinkOf(answer: Answer): string | null {
  try {
    const body = JSON.parse(answer.body) as { _links?: { self?: { href?: unknown } } };
    const href = body._links?.self?.href;
    // Only a link on the configured Action Network: the API key is sent to it.
    return typeof href === 'string' && href.startsWith(`${getEnv().actionNetworkUrl}/`) ? href : null;
  } catch {
    return null;
  }
}
