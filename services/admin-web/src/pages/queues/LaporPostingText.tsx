import { useCallback } from 'react';
import type { LaporPostingText as PostingText } from '../../api/types';
import { useLoadable } from '../../api/use-loadable';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/i18n';

/** The answer to post on LAPOR! as written at step 7, with "Salin teks" and "Salin nomor laporan" (docs/adr/0055). */
export function LaporPostingText({ complaintId, laporReportNumber }: { complaintId: string; laporReportNumber: string }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const read = useCallback(() => api.get<PostingText>(`/api/v1/lapor-postings/${encodeURIComponent(complaintId)}/text`), [api, complaintId]);
  const [posting] = useLoadable(read);
  const fieldId = `lapor-text-${complaintId}`;
  if (posting.state === 'loading') return <StatusMessage>{t('common.loading')}</StatusMessage>;
  if (posting.state === 'error') return <ErrorMessage>{t('laporPostings.textFailed')}</ErrorMessage>;
  return (
    <div className="field">
      <label className="field__label" htmlFor={fieldId}>
        {t('laporPostings.text')}
      </label>
      <textarea id={fieldId} className="field__control" readOnly rows={6} value={posting.value.text} />
      <p>
        <CopyButton text={posting.value.text} label={t('laporPostings.copyText')} selectId={fieldId} />{' '}
        <CopyButton text={laporReportNumber} label={t('laporPostings.copyNumber')} />
      </p>
    </div>
  );
}
