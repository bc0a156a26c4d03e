import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';

export default function InvitesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['invites']}>{children}</ClientMessages>;
}
