import { translatorFor } from '@/lib/i18n/translate';
import { createHash } from 'node:crypto';
import { EmailLayout, FinePrint, FinePrintLink, Paragraph, renderMail, renderMailShaped, singleLine, WithPeoplesText, type RenderedMail } from './email-layout';
import { ManageLink } from './templates';

/** The sign-in link for an organiser: short-lived, single-use. */
export async function renderLoginLink(m: { locale: string; url: string; minutes: number }): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  return renderMail(
    t('email.loginSubject'),
    <EmailLayout
      locale={m.locale}
      action={{ label: t('email.loginButton'), url: m.url }}
      footer={
        <FinePrint>
          {t('email.loginExpiry', { minutes: m.minutes })} {t('email.loginIgnore')}
        </FinePrint>
      }
    >
      <Paragraph>{t('email.loginBody')}</Paragraph>
    </EmailLayout>,
  );
}

/**
 * An invitation to co-organise a petition, to an address nobody has verified. It names the petition
 * only when published (null title: "a draft petition"), so no unchecked text reaches a stranger; the
 * inviter's address was verified by signing in.
 */
export async function renderOrganiserInvite(m: { locale: string; url: string; petitionTitle: string | null; inviter: string | null }): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = m.petitionTitle === null ? null : singleLine(m.petitionTitle);
  const inviter = m.inviter ?? t('email.someone');
  return renderMail(
    title === null ? t('email.inviteSubjectDraft') : t('email.inviteSubject', { title }),
    <EmailLayout locale={m.locale} action={{ label: t('email.inviteButton'), url: m.url }} footer={<FinePrint>{t('email.inviteIgnore')}</FinePrint>}>
      <Paragraph>
        {title === null ? (
          <WithPeoplesText sentence={(who) => t('email.inviteBodyDraft', { inviter: who })} values={[inviter]} />
        ) : (
          <WithPeoplesText sentence={(who, what) => t('email.inviteBody', { inviter: who, title: what })} values={[inviter, title]} />
        )}
      </Paragraph>
    </EmailLayout>,
  );
}

/** Tells organisers their petition reached a milestone (or its goal, with a suggested new one). */
export async function renderMilestone(m: {
  locale: string;
  petitionTitle: string;
  count: number;
  goalReached: boolean;
  nextGoal: number;
  dashboardUrl: string;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  return renderMail(
    m.goalReached ? t('email.goalSubject', { title }) : t('email.milestoneSubject', { title, count: m.count }),
    <EmailLayout locale={m.locale} action={{ label: t('email.openDashboard'), url: m.dashboardUrl }}>
      <Paragraph>
        <WithPeoplesText sentence={(v) => t(m.goalReached ? 'email.goalBody' : 'email.milestoneBody', { title: v, count: m.count })} values={[title]} />
      </Paragraph>
      {m.goalReached && <Paragraph>{t('email.goalRaise', { goal: m.nextGoal })}</Paragraph>}
    </EmailLayout>,
  );
}

/**
 * An organiser's update to signers who opted in; carries its own one-click unsubscribe link. The
 * body is the organiser's Markdown as markdownToHtml made it (sanitised there), the only HTML an
 * email takes from outside; `bodyText` is that Markdown, which the plain-text part shows as written.
 * Rendered once per update and language (it goes to every opted-in signer); the links are filled in
 * per signer.
 */
export async function renderUpdate(m: {
  locale: string;
  petitionTitle: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  petitionUrl: string;
  unsubscribeUrl: string;
  manageUrl: string;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const shape = createHash('sha256')
    .update(JSON.stringify(['update', m.locale, title, m.subject, m.bodyHtml, m.petitionUrl]))
    .digest('base64url');
  const mail = await renderMailShaped(
    shape,
    (slot) => ({
      subject: m.subject,
      email: (
        <EmailLayout
          locale={m.locale}
          action={{ label: t('email.readOnline'), url: m.petitionUrl }}
          footer={
            <>
              <FinePrint>
                <WithPeoplesText sentence={(v) => t('email.updateFooter', { title: v })} values={[title]} />
              </FinePrint>
              <FinePrint>
                <FinePrintLink href={slot(0)} addressBelow>
                  {t('email.unsubscribe')}
                </FinePrintLink>
              </FinePrint>
              <ManageLink locale={m.locale} url={slot(1)} />
            </>
          }
        >
          <div dir="auto" data-skip-in-text="true" style={{ fontSize: '16px', lineHeight: '24px' }} dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
        </EmailLayout>
      ),
    }),
    [m.unsubscribeUrl, m.manageUrl],
  );
  return { ...mail, text: `${m.bodyText}\n\n${mail.text}` };
}

/** Tells an organiser a webhook or Action Network connection was switched off after failing for a day. */
export async function renderEndpointSwitchedOff(m: {
  locale: string;
  petitionTitle: string;
  target: string;
  hours: number;
  settingsUrl: string;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const target = singleLine(m.target);
  return renderMail(
    t('email.endpointOffSubject', { title }),
    <EmailLayout locale={m.locale} action={{ label: t('email.endpointOffButton'), url: m.settingsUrl }}>
      <Paragraph>
        <WithPeoplesText sentence={(v, w) => t('email.endpointOffBody', { title: v, target: w, hours: m.hours })} values={[title, target]} />
      </Paragraph>
    </EmailLayout>,
  );
}
