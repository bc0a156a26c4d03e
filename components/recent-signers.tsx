import { getTranslations } from 'next-intl/server';
import { countryName } from '@/lib/countries';
import { formatTimeAgo } from '@/lib/i18n/format';
import type { PublicSigner } from '@/lib/signatures/queries';

export async function RecentSigners({ signers, locale }: { signers: PublicSigner[]; locale: string }) {
  const t = await getTranslations('petition');
  const now = new Date();
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('recentTitle')}</h2>
      {signers.length === 0 ? (
        <p className="muted">{t('recentEmpty')}</p>
      ) : (
        <ul className="recent-list">
          {signers.map((s, i) => (
            <li key={i}>
              <span className="avatar" aria-hidden="true">
                {(s.name ?? '♥').slice(0, 1)}
              </span>
              <span className="recent-who">
                <bdi className="recent-name">{s.name ?? t('anonymous')}</bdi>
                <span className="muted"> · {countryName(locale, s.country)}</span>
                {s.comment && (
                  <q className="recent-comment" dir="auto">
                    {s.comment}
                  </q>
                )}
              </span>
              <time className="muted recent-time" dateTime={s.confirmedAt.toISOString()}>
                {formatTimeAgo(locale, s.confirmedAt, now)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
