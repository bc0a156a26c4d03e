import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PlainLink } from '@/components/plain-link';
import { SignerAction } from '@/components/signer-action';
import { describeSignatureForSigner } from '@/lib/signatures/self-service';
import { stopEmailsAction, withdrawAction } from './actions';

export const dynamic = 'force-dynamic';
// The token is in the address: never indexed, never sent on to another site.
export const metadata: Metadata = { robots: { index: false }, referrer: 'same-origin' };

/** The signer's own page, from the link in every email: withdraw, download their data, stop emails. */
export default async function SignerPage({ params }: PageProps<'/[locale]/s/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const [t, view] = await Promise.all([getTranslations('signer'), describeSignatureForSigner(token)]);
  if (!view) {
    return (
      <div className="container narrow">
        <section className="panel">
          <h1>{t('title')}</h1>
          <p className="form-alert" role="alert">
            {t('invalid')}
          </p>
        </section>
      </div>
    );
  }
  const live = view.status === 'pending' || view.status === 'confirmed' || view.status === 'held';
  return (
    <div className="container narrow">
      <section className="panel signer">
        <h1>{t('title')}</h1>
        <p>
          {t.rich('intro', {
            title: () => (
              <bdi>
                <PlainLink href={`/p/${view.petition.slug}`}>{view.petition.title}</PlainLink>
              </bdi>
            ),
          })}
        </p>
        <p>
          <strong>{t('statusLabel')}:</strong> {t(`statuses.${view.status}`)}
        </p>
        {live && (
          <SignerAction
            action={withdrawAction.bind(null, token)}
            label={t('withdraw')}
            hint={t('withdrawHint')}
            done={t('withdrawn')}
            invalid={t('invalid')}
            variant="danger"
          />
        )}
        <form method="post" action="/api/my-signature" className="signer-action">
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button-secondary">
            {t('download')}
          </button>
          <p className="hint">{t('downloadHint')}</p>
        </form>
        {!view.emailsStopped && live && (
          <SignerAction action={stopEmailsAction.bind(null, token)} label={t('stopEmails')} done={t('stopped')} invalid={t('invalid')} />
        )}
        <p>
          <PlainLink href="/privacy">{t('privacy')}</PlainLink>
        </p>
      </section>
    </div>
  );
}
