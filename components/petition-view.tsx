import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DemandList } from './demand-list';
import { isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import type { Petition } from '@/lib/petitions/queries';
import type { PublicTarget } from '@/lib/targets/fragments';
import { targetLine } from '@/lib/targets/schemas';
import { TargetList } from './targets/target-list';
import './targets/targets.css';
import { Markdown } from './markdown';
import { LiveProgress } from './live-progress';
import { Progress } from './progress';

export type PetitionViewData = Pick<
  Petition,
  'slug' | 'title' | 'summary' | 'body' | 'target' | 'goal' | 'language' | 'demands' | 'signatureCount' | 'victoryMessage' | 'hasCover'
> & { languages?: string[]; targets?: PublicTarget[] };

/**
 * A petition as readers see it: the public page and the organisers' preview both render this,
 * so the preview is exactly the page. `signing` is the sign form or what replaces it.
 */
export async function PetitionView({
  petition,
  locale,
  signing,
  below,
  after,
  coverVersion,
  live = false,
}: {
  petition: PetitionViewData;
  locale: string;
  signing: ReactNode;
  /** Keep the count current while the page is open (the public page; not the preview). */
  live?: boolean;
  below?: ReactNode;
  /** Under the body, e.g. the organisers' updates. */
  after?: ReactNode;
  coverVersion?: string;
}) {
  const t = await getTranslations('petition');
  const lang = petition.language;
  return (
    <div className="container petition-layout">
      <header className="petition-header">
        {petition.victoryMessage && (
          <div className="victory" role="note">
            <strong>{t('victory')}</strong>{' '}
            <span lang={lang} dir="auto">
              {petition.victoryMessage}
            </span>
          </div>
        )}
        {petition.hasCover && (
          // eslint-disable-next-line @next/next/no-img-element -- already resized and re-encoded on upload
          <img className="cover" src={`/api/petitions/${petition.slug}/cover${coverVersion ? `?v=${coverVersion}` : ''}`} alt="" width={1200} height={630} />
        )}
        {/* The targets by name, unless a translation gives its own line for them (then that line). */}
        {petition.targets && petition.targets.length > 0 && petition.target === targetLine(petition.targets) ? (
          <TargetList label={t('to')} targets={petition.targets} />
        ) : (
          <p className="eyebrow">
            {t('to')}{' '}
            <bdi className="target" lang={lang}>
              {petition.target}
            </bdi>
          </p>
        )}
        <h1 lang={lang} dir="auto">
          {petition.title}
        </h1>
        {petition.languages && petition.languages.filter(isLocale).length > 1 && (
          <nav aria-label={t('otherLanguages')} className="petition-languages">
            <ul>
              {petition.languages.filter(isLocale).map((l) => (
                <li key={l}>
                  <a href={localizedPath(l, `/p/${petition.slug}`)} lang={l} hrefLang={l} aria-current={l === lang ? 'true' : undefined}>
                    {new Intl.DisplayNames([l], { type: 'language' }).of(l)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p className="lead" lang={lang} dir="auto">
          {petition.summary}
        </p>
      </header>

      <section className="demands" aria-labelledby="demands-title">
        <h2 id="demands-title">{t('demandsTitle')}</h2>
        <DemandList demands={petition.demands} lang={lang} locale={locale} />
      </section>

      <aside className="petition-aside">
        <div className="card sign-card">
          {live ? (
            <LiveProgress slug={petition.slug} initialCount={petition.signatureCount} goal={petition.goal} />
          ) : (
            <Progress count={petition.signatureCount} goal={petition.goal} locale={locale} large />
          )}
          {signing}
        </div>
        {below}
      </aside>

      {petition.body && (
        <section className="background" lang={lang} aria-labelledby="background-title">
          <h2 id="background-title">{t('background')}</h2>
          <Markdown source={petition.body} />
        </section>
      )}
      {after}
    </div>
  );
}
