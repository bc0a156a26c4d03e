import type { PublicTarget } from '@/lib/targets/fragments';

/** "Addressed to" with each target's name and role, each in its own language and direction. */
export function TargetList({ label, targets }: { label: string; targets: PublicTarget[] }) {
  return (
    <div className="eyebrow targets">
      <span>{label}</span>{' '}
      <ul className="target-list">
        {targets.map((t) => (
          <li key={t.id}>
            <bdi className="target" lang={t.language}>
              {t.name}
            </bdi>
            {t.role && (
              <>
                {' '}
                <span className="target-role" lang={t.language} dir="auto">
                  ({t.role})
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
