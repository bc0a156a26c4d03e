import { translatorFor } from '@/lib/i18n/translate';
import { EmailLayout, FinePrint, FinePrintLink, Paragraph, renderMail, singleLine, WithPeoplesText, type RenderedMail } from './email-layout';

/**
 * A petition delivered to one decision maker, in their language: the title, the demands, the confirmed
 * count and how many countries it came from, the organiser's message, the delivery document's link
 * (the button) and the single-use link to answer. All people's text is isolated and escaped by React.
 */
export async function renderDelivery(m: {
  locale: string;
  petitionTitle: string;
  targetName: string;
  demands: string[];
  signatureCount: number;
  countryCount: number;
  message: string;
  documentUrl: string;
  respondUrl: string | null;
  test: boolean;
}): Promise<RenderedMail> {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const subject = t('deliveries.emailSubject', { title });
  return renderMail(
    m.test ? `${t('deliveries.testPrefix')} ${subject}` : subject,
    <EmailLayout
      locale={m.locale}
      action={{ label: t('deliveries.emailOpenDocument'), url: m.documentUrl }}
      footer={
        m.respondUrl ? (
          <FinePrint>
            {t('deliveries.emailRespondIntro')}{' '}
            <FinePrintLink href={m.respondUrl} addressBelow>
              {t('deliveries.emailRespond')}
            </FinePrintLink>
          </FinePrint>
        ) : undefined
      }
    >
      {m.test && <Paragraph>{t('deliveries.emailTestNote')}</Paragraph>}
      <Paragraph>
        <WithPeoplesText sentence={(who) => t('deliveries.emailGreeting', { name: who })} values={[singleLine(m.targetName)]} />
      </Paragraph>
      <Paragraph>
        <WithPeoplesText sentence={(v) => t('deliveries.emailBody', { title: v, count: m.signatureCount, total: m.countryCount })} values={[title]} />
      </Paragraph>
      <Paragraph>{t('deliveries.emailDemands')}</Paragraph>
      <ol>
        {m.demands.map((d, i) => (
          <li key={i} dir="auto" style={{ fontSize: '16px', lineHeight: '24px' }}>
            {d}
          </li>
        ))}
      </ol>
      {m.message && (
        <>
          <Paragraph>{t('deliveries.emailMessage')}</Paragraph>
          <div
            dir="auto"
            style={{ fontSize: '16px', lineHeight: '24px', whiteSpace: 'pre-wrap', borderInlineStart: '3px solid #e4e2dc', paddingInlineStart: '12px' }}
          >
            {m.message}
          </div>
        </>
      )}
    </EmailLayout>,
  );
}
