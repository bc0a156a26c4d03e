import type { Metadata } from 'next';

// The widget is a page of its own inside someone else's site: no header, no footer, not indexed.
export const metadata: Metadata = { robots: { index: false, follow: true } };

export default function EmbedLayout({ children }: LayoutProps<'/[locale]'>) {
  return <main className="embed">{children}</main>;
}
