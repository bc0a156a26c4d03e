'use client';

import { useTranslations } from 'next-intl';
import type { UnsubscribeState } from '@/lib/updates/action-states';
import { PostButton } from './post-button';

export function UnsubscribeButton({ action }: { action: (prev: UnsubscribeState, form: FormData) => Promise<UnsubscribeState> }) {
  const t = useTranslations('unsubscribe');
  return (
    <PostButton<UnsubscribeState> action={action} initial={{ status: 'ready' }} label={t('button')} pendingLabel={t('button')}>
      {(state) =>
        state.status === 'done' ? (
          <p role="status" className="notice">
            {t('done')}
          </p>
        ) : state.status === 'invalid' ? (
          <p role="alert">{t('invalid')}</p>
        ) : (
          <p>{t('intro')}</p>
        )
      }
    </PostButton>
  );
}
