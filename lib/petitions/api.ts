import { shownConsent, shownQuestions, type ShownConsent, type ShownQuestion } from '@/lib/questions/labels';
import type { Petition, PetitionSummary } from './queries';

/** A target in the API: who the petition is addressed to, never an email address. */
export type ApiTarget = { name: string; role: string; language: string };

/** The public shape of a petition in the JSON API: no ids, emails or addresses. */
export type ApiPetition = {
  slug: string;
  title: string;
  summary: string;
  demands: string[];
  target: string;
  targets: ApiTarget[];
  goal: number;
  status: 'open' | 'closed';
  signatureCount: number;
  url: string;
  /** The sign form's own questions (ids to answer by), in the language of the text given. */
  questions: ShownQuestion[];
  /** The data controller and the partner opt-in question, as the sign form shows them. */
  consent: ShownConsent;
};

export type ApiPetitionSummary = Omit<ApiPetition, 'demands' | 'status' | 'targets' | 'questions' | 'consent'>;

export function toApiPetition(p: Petition, appUrl: string): ApiPetition {
  return {
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    demands: p.demands,
    target: p.target,
    targets: p.targets.map((t) => ({ name: t.name, role: t.role, language: t.language })),
    goal: p.goal,
    status: p.status,
    signatureCount: p.signatureCount,
    url: `${appUrl}/p/${p.slug}`,
    questions: shownQuestions(p.questions, p.language),
    consent: shownConsent(p.dataController, p.partnerOptIn, p.language, p.atRisk),
  };
}

export function toApiPetitionSummary(p: PetitionSummary, appUrl: string): ApiPetitionSummary {
  return {
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    target: p.target,
    goal: p.goal,
    signatureCount: p.signatureCount,
    url: `${appUrl}/p/${p.slug}`,
  };
}
