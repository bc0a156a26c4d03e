import { directionOf } from '@/lib/i18n/locales';
import { translatorFor, type Translate } from '@/lib/i18n/translate';
import { containsAddress } from '@/lib/text/addresses';
import { escapeHtml } from '@/lib/text/escape-html';

export type RenderedMail = { subject: string; text: string; html: string };

export { escapeHtml };

/** Header values come from people (petition titles): never let a line break through. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

/** The shared HTML frame of every email: one column, the locale's direction, a single button. */
export function layout(locale: string, paragraphs: string[], action?: { label: string; url: string }, footer?: string): string {
  const dir = directionOf(locale);
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join('\n');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0b5d4b;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all" dir="ltr">${escapeHtml(action.url)}</p>`
    : '';
  const foot = footer ? `<p style="margin:32px 0 0;font-size:12px;color:#666">${footer}</p>` : '';
  return `<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;background:#f6f5f1;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;color:#1d1d1b;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px" dir="${dir}">
${body}
${button}
${foot}
</div></body></html>`;
}

/** The line in every email to a signer: their own page, to withdraw, download their data or stop emails. */
export function manageFooter(locale: string, url: string): { text: string; html: string } {
  const t = translatorFor(locale);
  return { text: `${t('email.manage')} ${url}`, html: `<a href="${escapeHtml(url)}">${escapeHtml(t('email.manage'))}</a>` };
}

// User text (names, titles) is isolated so an English name inside an Arabic sentence keeps its order.
export const isolate = (s: string) => `<bdi>${escapeHtml(s)}</bdi>`;

/** A translated sentence as HTML: the sentence escaped, the person's text inserted isolated. */
export function withValue(sentence: (placeholder: string) => string, value: string): string {
  return escapeHtml(sentence('\u0000')).replace('\u0000', isolate(value));
}

/**
 * The greeting of an email to a signer, in text and HTML. The sign form refuses names that carry an
 * address (lib/signatures/name-rule.ts); a name stored before that rule, or by any other way in, is
 * still never mailed with a link in it to an address nobody has confirmed: the greeting leaves it out.
 */
function greeting(t: Translate, name: string): { text: string; html: string } {
  if (containsAddress(name)) return { text: t('email.greetingNoName'), html: escapeHtml(t('email.greetingNoName')) };
  return { text: t('email.greeting', { name }), html: withValue((v) => t('email.greeting', { name: v }), name) };
}

/** The double opt-in email: the signature counts only once its link is followed. */
export function renderSignatureConfirmation(m: {
  locale: string;
  name: string;
  petitionTitle: string;
  confirmUrl: string;
  manageUrl: string;
  days: number;
}): RenderedMail {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const hello = greeting(t, m.name);
  const subject = singleLine(t('email.confirmSubject', { title }));
  const text = [
    hello.text,
    '',
    t('email.confirmBody', { title }),
    '',
    m.confirmUrl,
    '',
    t('email.confirmExpiry', { days: m.days }),
    t('email.confirmIgnore'),
    '',
    '--',
    t('email.footer', { title }),
    manageFooter(m.locale, m.manageUrl).text,
  ].join('\n');
  const html = layout(
    m.locale,
    [
      hello.html,
      withValue((v) => t('email.confirmBody', { title: v }), title),
    ],
    { label: t('email.confirmButton'), url: m.confirmUrl },
    `${escapeHtml(t('email.confirmExpiry', { days: m.days }))} ${escapeHtml(t('email.confirmIgnore'))}<br><br>${withValue((v) => t('email.footer', { title: v }), title)}<br>${manageFooter(m.locale, m.manageUrl).html}`,
  );
  return { subject, text, html };
}

/** Sent instead of a second signature, so the form never reveals who has signed. */
export function renderAlreadySigned(m: { locale: string; name: string; petitionTitle: string; petitionUrl: string; manageUrl: string }): RenderedMail {
  const t = translatorFor(m.locale);
  const title = singleLine(m.petitionTitle);
  const hello = greeting(t, m.name);
  const subject = singleLine(t('email.alreadySubject', { title }));
  const text = [
    hello.text,
    '',
    t('email.alreadyBody', { title }),
    '',
    t('email.alreadyShare'),
    m.petitionUrl,
    '',
    '--',
    t('email.footer', { title }),
    manageFooter(m.locale, m.manageUrl).text,
  ].join('\n');
  const html = layout(
    m.locale,
    [
      hello.html,
      withValue((v) => t('email.alreadyBody', { title: v }), title),
      escapeHtml(t('email.alreadyShare')),
    ],
    { label: title, url: m.petitionUrl },
    `${withValue((v) => t('email.footer', { title: v }), title)}<br>${manageFooter(m.locale, m.manageUrl).html}`,
  );
  return { subject, text, html };
}
