import type { Ref } from 'react';
import { trackPath } from '../../app/routes';
import { Link } from '../../app/router';
import { CopyButton } from '../../components/CopyButton';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';

/**
 * The report became a complaint: its tracking number, to copy or follow, and for a reporter who
 * gave neither phone nor e-mail the tracking PIN of this answer (ADR 0052), shown and kept nowhere.
 */
export function ReportRegistered({
  trackingNumber,
  trackingPin,
  canTrack,
  headingRef,
  onAnother,
}: {
  trackingNumber: string;
  trackingPin?: string;
  canTrack: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onAnother: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('report.title')}>{t('report.title')}</PageHeading>
      <section className="result" aria-labelledby="report-result">
        <h2 id="report-result" ref={headingRef} tabIndex={-1}>
          {t('report.registeredTitle')}
        </h2>
        <p>{t('report.yourNumber')}</p>
        <p className="tracking-number" id="tracking-number">
          {trackingNumber}
        </p>
        {trackingPin ? (
          <>
            <p>{t('report.yourPin')}</p>
            <p className="tracking-number" id="tracking-pin" translate="no">
              {trackingPin}
            </p>
          </>
        ) : null}
        <p className="button-row">
          <CopyButton text={trackingNumber} label={t('report.copyNumber')} />
          {trackingPin ? <CopyButton text={trackingPin} label={t('report.copyPin')} /> : null}
          <Link className="button" to={trackPath(trackingNumber)}>
            {t('report.trackThis')}
          </Link>
        </p>
        <p>{canTrack ? t('report.keepNumber') : trackingPin ? t('report.keepPin') : t('report.pinShownBefore')}</p>
        <p>
          <button type="button" className="button button--ghost" onClick={onAnother}>
            {t('report.another')}
          </button>
        </p>
      </section>
    </div>
  );
}

/** The report did not become a complaint (`failed`: send it again), or not yet (`timeout`: ask again). */
export function ReportNotRegistered({ kind, headingRef, onCheckAgain, onSendAgain }: { kind: 'failed' | 'timeout'; headingRef: Ref<HTMLHeadingElement>; onCheckAgain: () => void; onSendAgain: () => void }) {
  const { t } = useI18n();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('report.title')}>{t('report.title')}</PageHeading>
      <section className="result" aria-labelledby="report-result">
        <h2 id="report-result" ref={headingRef} tabIndex={-1}>
          {kind === 'failed' ? t('report.failedTitle') : t('report.timeoutTitle')}
        </h2>
        <p>{kind === 'failed' ? t('report.failedText') : t('report.timeoutText')}</p>
        <p className="button-row">
          {kind === 'timeout' ? (
            <button type="button" className="button" onClick={onCheckAgain}>
              {t('report.checkAgain')}
            </button>
          ) : (
            <button type="button" className="button" onClick={onSendAgain}>
              {t('report.sendAgain')}
            </button>
          )}
        </p>
      </section>
    </div>
  );
}
