'use client';

import { useTranslations } from 'next-intl';
import type { SignInState } from '@/lib/auth/action-states';
import { Link } from '@/lib/i18n/navigation';
import { PostButton } from './post-button';

export function SignInButton({ action }: { action: (prev: SignInState, form: FormData) => Promise<SignInState> }) {
  const t = useTranslations('login');
  return (
    <PostButton<SignInState> action={action} initial={{ status: 'ready' }} label={t('signInButton')} pendingLabel={t('signingIn')}>
      {(state) =>
        state.status === 'invalid' ? (
          <div role="alert">
            <p>{t('linkInvalid')}</p>
            <p>
              <Link href="/login" className="button button-secondary">
                {t('requestAnother')}
              </Link>
            </p>
          </div>
        ) : (
          <p>{t('signInIntro')}</p>
        )
      }
    </PostButton>
  );
}
