import { translatorFor } from '@/lib/i18n/translate';
import { escapeHtml, isolate, layout, manageFooter, singleLine, withValue, type RenderedMail } from './templates';

/** The sign-in link for an organiser: short-lived, single-use. */
export function renderLoginLink(m: { locale: string; url: string; minutes: number }): RenderedMail {
  const t = translatorFor(m.locale);
  const subject = t('email.loginSubject');
  const text = [t('email.loginBody'), '', m.url, '', t('email.loginExpiry', { minutes: m.minutes }), t('email.loginIgnore')].join('\n');
  const html = layout(m.locale, [escapeHtml(t('email.loginBody'))], { label: t('email.loginButton'), url: m.url }, escapeHtml(`${t('email.loginExpiry', { minutes: m.minutes })} ${t('email.loginIgnore')}`));
  return { subject, text, html };
}

/**
 * An invitation to co-organise a petition, to an address nobody has verified. It names the petition
 * only when published (null title: "a draft petition"), so no unchecked text reaches a stranger; the
 * inviter's address was verified by signing in.
 */
export function renderOrganiserInvite(m: { locale: string; url: string; petitionTitle: string | null; inviter: string | null }): RenderedMail {
  const t = translatorFor(m.locale);
  const title = m.petitionTitle === null ? null : singleLine(m.petitionTitle);
  const inviter = m.inviter ?? t('email.someone');
  const [subjectKey, bodyKey] = title === null ? (['email.inviteSubjectDraft', 'email.inviteBodyDraft'] as const) : (['email.inviteSubject', 'email.inviteBody'] as const);
  const subject = singleLine(t(subjectKey, { title: title ?? '' }));
  const text = [t(bodyKey, { inviter, title: title ?? '' }), '', m.url, '', t('email.inviteIgnore')].join('\n');
  const body = escapeHtml(t(bodyKey, { inviter: '\u0001', title: '\u0000' }))
    .replace('\u0001', isolate(inviter))
    .replace('\u0000', isolate(title ?? ''));
  const html = layout(m.locale, [body], { label: t('email.inviteButton'), url: m.url }, escapeHtml(t('email.inviteIgnore')));
  return { subject, text, html };
}

/** Tells organisers their petition reached a milestone (or its goal, with a suggested new one). */
export function renderMilestone(m: { locale: string; petitionTitle: string; count: number; goalReached: boolean; nextGoal: number; dashboardUrl: string }): RenderedMail {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const subject = singleLine(m.goalReached ? t('email.goalSubject', { title }) : t('email.milestoneSubject', { title, count: m.count }));
  const lines = [
    m.goalReached ? t('email.goalBody', { title, count: m.count }) : t('email.milestoneBody', { title, count: m.count }),
    ...(m.goalReached ? [t('email.goalRaise', { goal: m.nextGoal })] : []),
  ];
  const text = [...lines, '', m.dashboardUrl].join('\n');
  const paragraphs = [
    m.goalReached
      ? withValue((v) => t('email.goalBody', { title: v, count: m.count }), title)
      : withValue((v) => t('email.milestoneBody', { title: v, count: m.count }), title),
    ...(m.goalReached ? [escapeHtml(t('email.goalRaise', { goal: m.nextGoal }))] : []),
  ];
  const html = layout(m.locale, paragraphs, { label: t('email.openDashboard'), url: m.dashboardUrl });
  return { subject, text, html };
}

/** An organiser's update to signers who opted in; carries its own one-click unsubscribe link. */
export function renderUpdate(m: { locale: string; petitionTitle: string; subject: string; bodyText: string; bodyHtml: string; petitionUrl: string; unsubscribeUrl: string; manageUrl: string }): RenderedMail {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const footer = t('email.updateFooter', { title });
  const text = [m.bodyText, '', `${t('email.readOnline')}: ${m.petitionUrl}`, '', '--', footer, `${t('email.unsubscribe')}: ${m.unsubscribeUrl}`, manageFooter(m.locale, m.manageUrl).text].join('\n');
  const html = layout(
    m.locale,
    [`<div dir="auto">${m.bodyHtml}</div>`],
    { label: t('email.readOnline'), url: m.petitionUrl },
    `${withValue((v) => t('email.updateFooter', { title: v }), title)}<br><a href="${escapeHtml(m.unsubscribeUrl)}">${escapeHtml(t('email.unsubscribe'))}</a><br>${manageFooter(m.locale, m.manageUrl).html}`,
  );
  return { subject: singleLine(m.subject), text, html };
}
