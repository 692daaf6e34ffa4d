import { useState } from 'react';
import { isSameOrigin } from '../api/client';
import type { ComplaintDocument } from '../api/types';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../components/Alerts';
import { useI18n } from '../i18n/i18n';
import { formatWib, groupedHash, shortHash } from '../lib/format';
import { saveFile } from '../lib/save-file';

/** The PDFs of the outputs (disposition sheet, team decree …), each with its SHA-256 to compare with a printed copy. */
export function Documents({ documents }: { documents: readonly ComplaintDocument[] }) {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const download = async (doc: ComplaintDocument) => {
    setBusy(doc.url);
    setFailed(null);
    try {
      if (!isSameOrigin(doc.url, window.location.origin)) throw new Error('a document of another origin');
      const blob = await api.blob(doc.url);
      saveFile(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }), `${(doc.number || doc.kind).replace(/[^\w.-]+/g, '_')}.pdf`);
    } catch {
      setFailed(doc.title);
    } finally {
      setBusy(null);
    }
  };

  if (documents.length === 0) return <p className="muted">{t('documents.none')}</p>;
  return (
    <>
      {failed ? <ErrorMessage>{t('documents.failed', { title: failed })}</ErrorMessage> : null}
      <ul className="document-list">
        {documents.map((d) => (
          <li key={`${d.kind}-${d.number}`} className="document">
            <div className="document__info">
              <p className="document__title">{d.title}</p>
              <p className="document__meta">
                <span className="mono">{d.number}</span> · {formatWib(d.at, lang)}
              </p>
              <details className="document__hash">
                <summary>
                  {t('documents.sha256')} <span className="mono" title={d.sha256}>{shortHash(d.sha256)}</span>
                </summary>
                <p className="mono hash-full">{groupedHash(d.sha256)}</p>
              </details>
            </div>
            <button type="button" className="button button--secondary" onClick={() => void download(d)} disabled={busy === d.url} aria-label={t('documents.downloadNamed', { title: d.title })}>
              {busy === d.url ? t('documents.downloading') : t('documents.download')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
