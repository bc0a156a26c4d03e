import { translatorFor, type Translate } from '@/lib/i18n/translate';
import { containsAddress } from '@/lib/text/addresses';
import { EmailLayout, FinePrint, FinePrintLink, Paragraph, renderMailShaped, singleLine, WithPeoplesText, type RenderedMail } from './email-layout';

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
 * The greeting of an email to a signer (`name` is its slot). The sign form refuses names that carry
 * an address (lib/signatures/name-rule.ts); a name stored before that rule, or by any other way in, is
 * still never mailed with a link in it to an address nobody has confirmed: the greeting leaves it out.
 */
function Greeting({ t, name }: { t: Translate; name: string | null }) {
  return (
    <Paragraph>{name === null ? t('email.greetingNoName') : <WithPeoplesText sentence={(v) => t('email.greeting', { name: v })} values={[name]} />}</Paragraph>
  );
}

/** The small print of every email about a signature: why it came, and the signer's own page. */
function SignerFinePrint({ t, locale, title, manageUrl }: { t: Translate; locale: string; title: string; manageUrl: string }) {
  return (
    <>
      <FinePrint>
        <WithPeoplesText sentence={(v) => t('email.footer', { title: v })} values={[title]} />
      </FinePrint>
      <ManageLink locale={locale} url={manageUrl} />
    </>
  );
}

/** The name to greet a signer by, or null when it must be left out (see Greeting). */
const greetable = (name: string) => (containsAddress(name) ? null : name);

/**
 * The double opt-in email: the signature counts only once its link is followed. Rendered once per
 * petition title, language and greeting; the name and the links are filled in per signer.
 */
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
  const name = greetable(m.name);
  return renderMailShaped(
    JSON.stringify(['confirmation', m.locale, title, m.days, name !== null]),
    (slot) => ({
      subject: t('email.confirmSubject', { title }),
      email: (
        <EmailLayout
          locale={m.locale}
          action={{ label: t('email.confirmButton'), url: slot(1) }}
          footer={
            <>
              <FinePrint>
                {t('email.confirmExpiry', { days: m.days })} {t('email.confirmIgnore')}
              </FinePrint>
              <SignerFinePrint t={t} locale={m.locale} title={title} manageUrl={slot(2)} />
            </>
          }
        >
          <Greeting t={t} name={name === null ? null : slot(0)} />
          <Paragraph>
            <WithPeoplesText sentence={(v) => t('email.confirmBody', { title: v })} values={[title]} />
          </Paragraph>
        </EmailLayout>
      ),
    }),
    [name ?? '', m.confirmUrl, m.manageUrl],
  );
}

/**
 * The double opt-in email of an at-risk petition: neither its subject nor its text names the petition
 * or its cause, nor greets the signer by name (an inbox glanced at, or a mailbox seized, shows only
 * "Confirm your email address"), and it says what is removed once confirmed.
 */
export async function renderAtRiskConfirmation(m: { locale: string; confirmUrl: string; manageUrl: string; days: number }): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  return renderMailShaped(
    JSON.stringify(['at-risk-confirmation', m.locale, m.days]),
    (slot) => ({
      subject: t('email.atRiskConfirmSubject'),
      email: (
        <EmailLayout
          locale={m.locale}
          action={{ label: t('email.atRiskConfirmButton'), url: slot(0) }}
          footer={
            <>
              <FinePrint>
                {t('email.confirmExpiry', { days: m.days })} {t('email.atRiskConfirmIgnore')}
              </FinePrint>
              <FinePrint>
                <FinePrintLink href={slot(1)}>{t('email.atRiskManage')}</FinePrintLink>
              </FinePrint>
            </>
          }
        >
          <Paragraph>{t('email.greetingNoName')}</Paragraph>
          <Paragraph>{t('email.atRiskConfirmBody')}</Paragraph>
          <Paragraph>{t('email.atRiskConfirmAfter')}</Paragraph>
        </EmailLayout>
      ),
    }),
    [m.confirmUrl, m.manageUrl],
  );
}

/** Sent instead of a second signature, so the form never reveals who has signed. Rendered once per shape, like the confirmation. */
export async function renderAlreadySigned(m: {
  locale: string;
  name: string;
  petitionTitle: string;
  petitionUrl: string;
  manageUrl: string;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const name = greetable(m.name);
  return renderMailShaped(
    JSON.stringify(['already-signed', m.locale, title, name !== null]),
    (slot) => ({
      subject: t('email.alreadySubject', { title }),
      email: (
        <EmailLayout
          locale={m.locale}
          action={{ label: title, url: slot(1) }}
          footer={<SignerFinePrint t={t} locale={m.locale} title={title} manageUrl={slot(2)} />}
        >
          <Greeting t={t} name={name === null ? null : slot(0)} />
          <Paragraph>
            <WithPeoplesText sentence={(v) => t('email.alreadyBody', { title: v })} values={[title]} />
          </Paragraph>
          <Paragraph>{t('email.alreadyShare')}</Paragraph>
        </EmailLayout>
      ),
    }),
    [name ?? '', m.petitionUrl, m.manageUrl],
  );
}
