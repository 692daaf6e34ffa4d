import { useState } from 'react';
import { pageProblem } from '../api/problem-message';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../components/Alerts';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { saveFile } from '../lib/save-file';

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The list's two downloads (docs/adr/0045): the complaints the applied filters select, as CSV or
 * XLSX, fetched with the officer's token. `filters` is the export's query string without the
 * format, e.g. `status=CONFIRMED&q=paspor`.
 */
export function ListDownloads({ filters }: { filters: string }) {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const [busy, setBusy] = useState<Format | null>(null);
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);

  const download = async (format: Format) => {
    setBusy(format);
    setProblem(null);
    try {
      const blob = await api.blob(`/api/v1/complaints/export?format=${format}${filters ? `&${filters}` : ''}`);
      saveFile(blob, `pengaduan-${new Date().toISOString().slice(0, 10)}.${format}`);
    } catch (err) {
      setProblem(pageProblem(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="list-downloads" role="group" aria-label={t('list.downloads')}>
      {FORMATS.map((format) => (
        <button key={format} type="button" className="button button--secondary" onClick={() => void download(format)} disabled={busy !== null}>
          {busy === format ? t('list.downloading') : t(format === 'csv' ? 'list.downloadCsv' : 'list.downloadXlsx')}
        </button>
      ))}
      {problem ? <ErrorMessage>{msg(problem)}</ErrorMessage> : null}
    </div>
  );
}
