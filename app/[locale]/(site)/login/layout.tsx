import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';

export default function LoginLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['login']}>{children}</ClientMessages>;
}
