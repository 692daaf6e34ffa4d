import type { Escalation } from '../../api/types';
import { complaintPath } from '../../app/routes';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { durationText } from '../../lib/countdown';
import { formatWib } from '../../lib/format';
import { roleLabel, stepShortName } from '../../lib/sop-labels';
import { QueuePage } from './QueuePage';

/** `/eskalasi`: the missed deadlines escalated to me, oldest due first, each with a link to act. */
export function EscalationsPage() {
  const { t, lang } = useI18n();
  return (
    <QueuePage<Escalation>
      queue="escalations"
      title={t('escalations.title')}
      lead={t('escalations.lead')}
      emptyTitle={t('escalations.emptyTitle')}
      emptyText={t('escalations.emptyText')}
      listLabel={t('escalations.listLabel')}
      itemKey={(e) => e.deadlineId}
      renderItem={(e) => {
        const step = `${stepShortName(e.stepId, lang)}${e.sectionCode ? ` · ${e.sectionCode}` : ''}`;
        return (
          <>
            <div className="item__head">
              <h2 className="item__title">
                <Link to={complaintPath(e.complaintId)}>{e.trackingNumber}</Link>
              </h2>
              <span className="badge badge--danger">{t('countdown.overdue', { duration: durationText(e.latenessSeconds * 1000, lang) })}</span>
            </div>
            <dl className="item__facts">
              <div>
                <dt>{t('escalations.step')}</dt>
                <dd>{step}</dd>
              </div>
              <div>
                <dt>{t('escalations.dueAt')}</dt>
                <dd>{formatWib(e.dueAt, lang)}</dd>
              </div>
              <div>
                <dt>{t('escalations.to')}</dt>
                <dd>{e.escalatedToRole === 'OFFICE_REPORT' ? t('escalations.officeReport') : roleLabel(e.escalatedToRole, lang)}</dd>
              </div>
            </dl>
            <p>
              <Link to={complaintPath(e.complaintId)}>{t('escalations.open', { number: e.trackingNumber })}</Link>
            </p>
          </>
        );
      }}
    />
  );
}
