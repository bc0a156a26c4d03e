import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';

export default function UnsubscribeLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['unsubscribe']}>{children}</ClientMessages>;
}
