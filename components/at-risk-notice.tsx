import { getTranslations } from 'next-intl/server';

/** Shown before the sign form of an at-risk petition: what is kept of a signature once confirmed, and what is not. */
export async function AtRiskNotice() {
  const t = await getTranslations('petition');
  return (
    <aside className="notice at-risk-notice" aria-labelledby="at-risk-notice-title">
      <h2 id="at-risk-notice-title">{t('atRiskTitle')}</h2>
      <p>{t('atRiskKept')}</p>
      <p>{t('atRiskEmail')}</p>
    </aside>
  );
}
