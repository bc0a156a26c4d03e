'use server';

import { unsubscribeFromUpdates } from '@/lib/updates/unsubscribe';
import type { UnsubscribeState } from '@/lib/updates/action-states';

/** The unsubscribe link's button: a POST, since mail scanners follow links. */
export async function unsubscribeAction(token: string, _prev: UnsubscribeState, _form: FormData): Promise<UnsubscribeState> {
  return { status: (await unsubscribeFromUpdates(token)) ? 'done' : 'invalid' };
}
