import type { ReactNode } from 'react';
import { Link } from '@/lib/i18n/navigation';

/** The way back at the top of a dashboard page: an arrow (mirrored by the stylesheet in right-to-left pages) and what it leads to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <Link href={href}>
        <span className="back-arrow" aria-hidden="true">
          ←
        </span>{' '}
        {children}
      </Link>
    </p>
  );
}

/** The way back to a petition's overview from one of its dashboard pages, named by the petition's title. */
export function BackToPetition({ petition }: { petition: { slug: string; title: string } }) {
  return (
    <BackLink href={`/dashboard/petitions/${petition.slug}`}>
      <bdi>{petition.title}</bdi>
    </BackLink>
  );
}
