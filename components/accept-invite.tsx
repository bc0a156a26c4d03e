'use client';

import { useTranslations } from 'next-intl';
import type { InviteState } from '@/lib/organisers/action-states';
import { PostButton } from './post-button';

export function AcceptInvite({ action }: { action: (prev: InviteState, form: FormData) => Promise<InviteState> }) {
  const t = useTranslations('invites');
  return (
    <PostButton<InviteState> action={action} initial={{ status: 'ready' }} label={t('accept')} pendingLabel={t('accepting')}>
      {(state) =>
        state.status === 'invalid' ? (
          <p role="alert">{t('invalid')}</p>
        ) : state.status === 'wrong_account' ? (
          <p role="alert">{t('wrongAccount', { email: state.email })}</p>
        ) : state.status === 'signed_out' ? (
          <p role="alert">{t('signedOut')}</p>
        ) : (
          <p>{t('intro')}</p>
        )
      }
    </PostButton>
  );
}
