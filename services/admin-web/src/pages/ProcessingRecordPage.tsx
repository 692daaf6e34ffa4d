import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, queryString } from '../api/client';
import type { ContactRead, ProcessingRecordPage as RecordPage } from '../api/types';
import { useAuth, useSession } from '../app/auth';
import { complaintPath } from '../app/routes';
import { Link } from '../app/router';
import { ErrorMessage } from '../components/Alerts';
import { PageHeading } from '../components/PageHeading';
import { StackedTable } from '../components/StackedTable';
import { PeriodPicker } from '../components/PeriodPicker';
import { DestructionRecords } from './DestructionRecords';
import { useI18n } from '../i18n/i18n';
import { contactFieldsLabel, contactPurposeLabel } from '../lib/contact-purposes';
import { formatWib } from '../lib/format';
import { periodRange, type DashboardPeriod } from '../lib/periods';
import { roleLabel } from '../lib/sop-labels';

/** Who may read the office's processing record (the gateway decides too: 403 for anyone else). */
export const PROCESSING_RECORD_ROLES: readonly string[] = ['KEPALA_KANTOR', 'AUDITOR'];

/**
 * `/catatan-pemrosesan`: who read which complainant's contact of the office, when, why and which
 * fields (`GET /api/v1/processing-record`, docs/adr/0029) — never the contact itself. For the
 * head of office and the auditor.
 */
export function ProcessingRecordPage() {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const [days, setDays] = useState<DashboardPeriod>(30);
  const range = useMemo(() => periodRange(days, Date.now()), [days]);
  const [items, setItems] = useState<ContactRead[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (pageToken?: string) => {
      setLoading(true);
      try {
        const page = await api.get<RecordPage>(`/api/v1/processing-record${queryString({ from: range.from, to: range.to, limit: 50, pageToken })}`);
        setItems((before) => (pageToken ? [...before, ...page.items] : [...page.items]));
        setNext(page.nextPageToken);
        setError(null);
      } catch (err) {
        setError(err instanceof ApiError ? err.status : 0);
      } finally {
        setLoading(false);
      }
    },
    [api, range],
  );

  useEffect(() => {
    void load();
  }, [load]);

  if (!PROCESSING_RECORD_ROLES.includes(session.user.role)) {
    return (
      <div className="page">
        <PageHeading title={t('processingRecord.title')}>{t('processingRecord.title')}</PageHeading>
        <ErrorMessage>{t('processingRecord.notYours')}</ErrorMessage>
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeading title={t('processingRecord.title')}>{t('processingRecord.title')}</PageHeading>
      <p className="lead">{t('processingRecord.lead', { office: session.user.officeCode })}</p>
      <PeriodPicker id="processing-record-period" days={days} range={range} onDays={setDays} />
      {error !== null ? <ErrorMessage>{t('processingRecord.failed', { status: String(error) })}</ErrorMessage> : null}
      {!loading && error === null && items.length === 0 ? <p className="muted">{t('processingRecord.none')}</p> : null}
      {items.length > 0 ? (
        <StackedTable
          caption={t('processingRecord.title')}
          rows={items}
          rowKey={(r) => r.id}
          columns={[
            { label: t('processingRecord.at'), rowHeader: true, cell: (r) => formatWib(r.at, lang) },
            {
              label: t('processingRecord.who'),
              cell: (r) => (
                <>
                  {r.actor.kind === 'system' ? t('processingRecord.system', { service: r.actor.service ?? '—' }) : (r.actor.displayName ?? r.actor.username ?? r.actor.userId ?? '—')}
                  {r.actor.kind === 'user' ? <span className="table__sub">{roleLabel(r.actor.role ?? null, lang)}</span> : null}
                </>
              ),
            },
            { label: t('processingRecord.complaint'), cell: (r) => <Link to={complaintPath(r.complaintId)}>{r.complaintId.slice(0, 8)}</Link> },
            {
              label: t('processingRecord.purpose'),
              cell: (r) => (
                <>
                  {contactPurposeLabel(r.purpose, lang)}
                  {r.reason ? <span className="table__sub">{r.reason}</span> : null}
                </>
              ),
            },
            { label: t('processingRecord.fields'), cell: (r) => contactFieldsLabel(r.fields, lang) },
            { label: t('processingRecord.outcome'), cell: (r) => (r.outcome === 'READ' ? t('processingRecord.read') : t('processingRecord.refused', { code: r.refusalCode ?? '—' })) },
          ]}
        />
      ) : null}
      {next ? (
        <p>
          <button type="button" className="button button--secondary" disabled={loading} onClick={() => void load(next)}>
            {t('processingRecord.more')}
          </button>
        </p>
      ) : null}
      {/* The record of the processing ends with the destructions (docs/adr/0057). */}
      <DestructionRecords />
    </div>
  );
}
