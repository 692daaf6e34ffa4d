import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../components/Alerts';
import { StackedTable } from '../components/StackedTable';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { saveFile } from '../lib/save-file';

interface DestructionRecord {
  readonly id: string;
  readonly number: string;
  readonly createdAt: string;
  readonly complaintCount: number;
  readonly url: string;
}

/**
 * The office's berita acara pemusnahan (docs/adr/0057): what the retention job destroyed, by
 * tracking number, as PDFs (`GET /api/v1/destruction-records`); never personal data.
 */
export function DestructionRecords() {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const [items, setItems] = useState<readonly DestructionRecord[] | null>(null);
  const [error, setError] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    api.get<{ items: DestructionRecord[] }>('/api/v1/destruction-records').then(
      (page) => live && setItems(page.items),
      (err: unknown) => live && setError(err instanceof ApiError ? err.status : 0),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const download = async (r: DestructionRecord) => {
    const blob = await api.blob(r.url);
    saveFile(blob, `${r.number.replace(/[^\w.-]+/g, '_')}.pdf`);
  };

  return (
    <section className="section" aria-labelledby="destruction-records">
      <h2 id="destruction-records">{t('destructionRecords.title')}</h2>
      <p className="lead">{t('destructionRecords.lead')}</p>
      {error !== null ? <ErrorMessage>{t('destructionRecords.failed', { status: String(error) })}</ErrorMessage> : null}
      {items !== null && items.length === 0 ? <p className="muted">{t('destructionRecords.none')}</p> : null}
      {items !== null && items.length > 0 ? (
        <StackedTable
          caption={t('destructionRecords.title')}
          rows={items}
          rowKey={(r) => r.id}
          columns={[
            { label: t('destructionRecords.number'), rowHeader: true, cell: (r) => r.number },
            { label: t('destructionRecords.at'), cell: (r) => formatWib(r.createdAt, lang) },
            { label: t('destructionRecords.complaints'), cell: (r) => String(r.complaintCount) },
            {
              label: t('destructionRecords.pdf'),
              cell: (r) => (
                <button type="button" className="button button--secondary" onClick={() => void download(r)}>
                  {t('documents.download')}
                </button>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
