import { translatorFor, type Translate } from '@/lib/i18n/translate';
import { containsAddress } from '@/lib/text/addresses';
import { EmailLayout, FinePrint, FinePrintLink, Paragraph, renderMail, singleLine, WithPeoplesText, type RenderedMail } from './email-layout';

export { singleLine, type RenderedMail } from './email-layout';

/** The line in every email to a signer: their own page, to withdraw, download their data or stop emails. */
export function ManageLink({ locale, url }: { locale: string; url: string }) {
  return (
    <FinePrint>
      <FinePrintLink href={url}>{translatorFor(locale)('email.manage')}</FinePrintLink>
    </FinePrint>
  );
}

/**
 * The greeting of an email to a signer. The sign form refuses names that carry an address
 * (lib/signatures/name-rule.ts); a name stored before that rule, or by any other way in, is still
 * never mailed with a link in it to an address nobody has confirmed: the greeting leaves it out.
 */
function Greeting({ t, name }: { t: Translate; name: string }) {
  return (
    <Paragraph>
      {containsAddress(name) ? t('email.greetingNoName') : <WithPeoplesText sentence={(v) => t('email.greeting', { name: v })} values={[name]} />}
    </Paragraph>
  );
}

/** The double opt-in email: the signature counts only once its link is followed. */
export async function renderSignatureConfirmation(m: {
  locale: string;
  name: string;
  petitionTitle: string;
  confirmUrl: string;
  manageUrl: string;
  days: number;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  return renderMail(
    t('email.confirmSubject', { title }),
    <EmailLayout
      locale={m.locale}
      action={{ label: t('email.confirmButton'), url: m.confirmUrl }}
      footer={
        <>
          <FinePrint>
            {t('email.confirmExpiry', { days: m.days })} {t('email.confirmIgnore')}
          </FinePrint>
          <FinePrint>
            <WithPeoplesText sentence={(v) => t('email.footer', { title: v })} values={[title]} />
          </FinePrint>
          <ManageLink locale={m.locale} url={m.manageUrl} />
        </>
      }
    >
      <Greeting t={t} name={m.name} />
      <Paragraph>
        <WithPeoplesText sentence={(v) => t('email.confirmBody', { title: v })} values={[title]} />
      </Paragraph>
    </EmailLayout>,
  );
}

/** Sent instead of a second signature, so the form never reveals who has signed. */
export async function renderAlreadySigned(m: {
  locale: string;
  name: string;
  petitionTitle: string;
  petitionUrl: string;
  manageUrl: string;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  return renderMail(
    t('email.alreadySubject', { title }),
    <EmailLayout
      locale={m.locale}
      action={{ label: title, url: m.petitionUrl }}
      footer={
        <>
          <FinePrint>
            <WithPeoplesText sentence={(v) => t('email.footer', { title: v })} values={[title]} />
          </FinePrint>
          <ManageLink locale={m.locale} url={m.manageUrl} />
        </>
      }
    >
      <Greeting t={t} name={m.name} />
      <Paragraph>
        <WithPeoplesText sentence={(v) => t('email.alreadyBody', { title: v })} values={[title]} />
      </Paragraph>
      <Paragraph>{t('email.alreadyShare')}</Paragraph>
    </EmailLayout>,
  );
}
