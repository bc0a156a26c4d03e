import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

// What the public pages' client components read. Every page ships these in its HTML, so the list
// stays short; areas with more client text add theirs with <ClientMessages namespaces={…}>.
const PUBLIC = ['form', 'validation', 'checkInbox', 'confirm', 'petition', 'errors', 'share', 'nav'] as const;

/** Provides the catalogue namespaces client components below it use, and no others. */
export async function ClientMessages({ namespaces = [], children }: { namespaces?: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries([...PUBLIC, ...namespaces].map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
