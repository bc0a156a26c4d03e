import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getEnv, isDevelopment } from '@/lib/env';
import { allowedDevOrigins, devMailboxLink } from '@/lib/http/dev-origins';
import { formatMoment } from '@/lib/i18n/format';
import { listDevMails } from '@/lib/mail/dev-mailbox';

export const dynamic = 'force-dynamic';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

function Linkified({ text, rehost }: { text: string; rehost: (link: string) => string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={rehost(part)}>
            {rehost(part)}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** Development only: the mail the app would have sent, with clickable links. */
export default async function DevMailbox() {
  if (!isDevelopment()) notFound();
  const mails = await listDevMails();
  // Links open on the host this mailbox was opened at, so signing in there keeps its session there.
  const appUrl = getEnv().appUrl;
  const host = (await headers()).get('host');
  const allowed = allowedDevOrigins(appUrl);
  const rehost = (link: string) => devMailboxLink(link, appUrl, host, allowed);
  return (
    <main className="container mailbox">
      <h1>Development mailbox</h1>
      <p className="muted">
        No <code>SMTP_URL</code> is set, so email is kept here instead of being sent. Newest first; reload to see new mail.
      </p>
      {mails.length === 0 && <p>No mail yet. Sign a petition and it will appear here within a second or two.</p>}
      {mails.map((m) => (
        <article key={m.id} className="card mail">
          <header>
            <h2 dir="auto">{m.subject}</h2>
            <p className="muted">
              To <strong>{m.to}</strong> · <time dateTime={m.createdAt.toISOString()}>{formatMoment('en', m.createdAt)}</time>
            </p>
          </header>
          <pre dir="auto">
            <Linkified text={m.text} rehost={rehost} />
          </pre>
        </article>
      ))}
    </main>
  );
}
