import type { TimelineEntry } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { roleLabel, statusLabel } from '../lib/sop-labels';
import { groupTimeline, isLateLine, type DeadlineLines } from '../lib/timeline-groups';

/**
 * The complaint's record: the SOP's steps in order (when, who by role, what, the status after),
 * each with the SLA monitor's lines about its deadline folded under it, and the deadlines of
 * steps not done yet at the end. A fold that holds a breach or an escalation is open and marked
 * late, so lateness is seen without unfolding.
 */
export function Timeline({ events }: { events: readonly TimelineEntry[] }) {
  const { t, lang } = useI18n();
  if (events.length === 0) return <p className="muted">{t('timeline.none')}</p>;
  const { steps, running } = groupTimeline(events);
  return (
    <>
      <ol className="timeline">
        {steps.map(({ step, ...deadlines }) => (
          <li key={step.id} className="timeline__entry">
            <p className="timeline__meta">
              <time dateTime={step.at}>{formatWib(step.at, lang)}</time>
              <span className="timeline__actor">{step.actorRole ? roleLabel(step.actorRole, lang) : t('timeline.system', { service: step.actorService ?? '—' })}</span>
            </p>
            <p className="timeline__summary">{step.summary}</p>
            <p className="timeline__status">{t('timeline.statusAfter', { status: statusLabel(step.status, lang) })}</p>
            {deadlines.lines.length > 0 ? <Deadlines {...deadlines} title={t('timeline.deadlines', { count: deadlines.lines.length })} /> : null}
          </li>
        ))}
      </ol>
      {running.lines.length > 0 ? <Deadlines {...running} title={t('timeline.running', { count: running.lines.length })} /> : null}
    </>
  );
}

/** SLA lines under a fold titled `title`; open, and marked late, when one is a breach or an escalation. */
function Deadlines({ lines, late, title }: DeadlineLines<TimelineEntry> & { title: string }) {
  const { t, lang } = useI18n();
  return (
    <details className="timeline__deadlines" open={late}>
      <summary>
        {title}
        {late ? <span className="badge badge--late">{t('timeline.late')}</span> : null}
      </summary>
      <ol className="timeline__deadline-list">
        {lines.map((line) => (
          <li key={line.id} className={isLateLine(line) ? 'timeline__deadline timeline__deadline--late' : 'timeline__deadline'}>
            <time dateTime={line.at}>{formatWib(line.at, lang)}</time> {line.summary}
          </li>
        ))}
      </ol>
    </details>
  );
}
