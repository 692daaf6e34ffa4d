import type { LaporPosting } from '../../api/types';
import { complaintPath } from '../../app/routes';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { formatWib } from '../../lib/format';
import { LaporPostingText } from './LaporPostingText';
import { QueuePage } from './QueuePage';

/**
 * `/posting-lapor`: the answers of complaints that came through SP4N-LAPOR!, written at step 7 and
 * not posted yet, oldest first (docs/adr/0055). LAPOR! has no API: Admin Tikkim opens the
 * complaint, copies the follow-up information (its Informasi Tindak Lanjut), posts it on LAPOR!
 * under the report number, and records the posting there ("Catat penyampaian", method "Diposting
 * di LAPOR!"), which closes the complaint.
 */
export function LaporPostingsPage() {
  const { t, lang } = useI18n();
  return (
    <QueuePage<LaporPosting>
      queue="laporPostings"
      title={t('laporPostings.title')}
      lead={t('laporPostings.lead')}
      guide="lapor"
      emptyTitle={t('laporPostings.emptyTitle')}
      emptyText={t('laporPostings.emptyText')}
      listLabel={t('laporPostings.listLabel')}
      itemKey={(task) => task.complaintId}
      renderItem={(task) => (
        <>
          <div className="item__head">
            <h2 className="item__title">
              <Link to={complaintPath(task.complaintId)}>{task.trackingNumber}</Link>
            </h2>
            <span className="badge badge--warning">{t('laporPostings.toPost')}</span>
          </div>
          <dl className="item__facts">
            <div>
              <dt>{t('field.laporReportNumber')}</dt>
              <dd className="mono">{task.laporReportNumber}</dd>
            </div>
            <div>
              <dt>{t('laporPostings.openedAt')}</dt>
              <dd>{formatWib(task.openedAt, lang)}</dd>
            </div>
          </dl>
          <LaporPostingText complaintId={task.complaintId} laporReportNumber={task.laporReportNumber} />
          <ol className="plain-list">
            <li>{t('laporPostings.step1')}</li>
            <li>{t('laporPostings.step2', { number: task.laporReportNumber })}</li>
            <li>{t('laporPostings.step3')}</li>
          </ol>
          <p>
            <Link to={complaintPath(task.complaintId)}>{t('laporPostings.open', { number: task.trackingNumber })}</Link>
          </p>
        </>
      )}
    />
  );
}
