import type { TimelineEntry } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { roleLabel, statusLabel } from '../lib/sop-labels';

/** Every event of the complaint's record, in order: when, who (by role), what. */
export function Timeline({ events }: { events: readonly TimelineEntry[] }) {
  const { t, lang } = useI18n();
  if (events.length === 0) return <p className="muted">{t('timeline.none')}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id} className="timeline__entry">
          <p className="timeline__meta">
            <time dateTime={e.at}>{formatWib(e.at, lang)}</time>
            <span className="timeline__actor">{e.actorRole ? roleLabel(e.actorRole, lang) : t('timeline.system', { service: e.actorService ?? '—' })}</span>
          </p>
          <p className="timeline__summary">{e.summary}</p>
          <p className="timeline__status">{t('timeline.statusAfter', { status: statusLabel(e.status, lang) })}</p>
        </li>
      ))}
    </ol>
  );
}
