import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';

export default function PSlugReportLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['report']}>{children}</ClientMessages>;
}
