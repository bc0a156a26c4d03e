import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';

export default function RespondLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['responses']}>{children}</ClientMessages>;
}
