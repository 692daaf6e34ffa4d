import { useCallback, useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { AdminLogEntry } from '../../lib/accounts';
import { useLoadable } from '../../api/use-loadable';
import { AdminTabs } from './AdminTabs';

const PAGE = 50;

/** The words for each kind of entry; a kind the app does not know yet is shown as its code. */
const KIND_KEYS: Readonly<Record<string, MessageKey>> = {
  ACCOUNT_CREATED: 'admin.kind.ACCOUNT_CREATED',
  ACCOUNT_CHANGED: 'admin.kind.ACCOUNT_CHANGED',
  PASSWORD_RESET: 'admin.kind.PASSWORD_RESET',
  ACCOUNT_DEACTIVATED: 'admin.kind.ACCOUNT_DEACTIVATED',
  SECOND_FACTOR_DISABLED: 'admin.kind.SECOND_FACTOR_DISABLED',
  SECTION_ADDED: 'admin.kind.SECTION_ADDED',
  SECTION_RENAMED: 'admin.kind.SECTION_RENAMED',
  SECTION_RETIRED: 'admin.kind.SECTION_RETIRED',
};
type LogPage = { items: readonly AdminLogEntry[]; total: number };

/** `before → after` of each field an entry changed. */
function changeText(entry: AdminLogEntry): string {
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  return Object.entries(entry.change ?? {})
    .map(([field, { before, after }]) => `${field}: ${before === undefined ? '' : `${show(before)} → `}${show(after)}`)
    .join('; ');
}

/** `/administrasi/log`: the office's administration log (`GET /api/v1/admin-log`), newest first, paged (docs/adr/0042). */
export function AdminLogPage() {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const [offset, setOffset] = useState(0);
  const readPage = useCallback(() => api.get<LogPage>(`/api/v1/admin-log?limit=${PAGE}&offset=${offset}`), [api, offset]);
  const [page] = useLoadable(readPage);

  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' });
  const value = page.state === 'ok' ? page.value : null;
  return (
    <div className="page">
      <PageHeading title={t('admin.logTitle')}>{t('admin.logTitle')}</PageHeading>
      <AdminTabs current="adminLog" />
      <p className="lead">{t('admin.logLead')}</p>
      {page.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {page.state === 'error' ? <ErrorMessage>{page.status === 403 ? t('accounts.forbidden') : page.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {value && value.items.length === 0 ? <p>{t('admin.logEmpty')}</p> : null}
      {value && value.items.length > 0 ? (
        <div className="table-scroll">
          <table className="table table--stack">
            <caption className="sr-only">{t('admin.logTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.logAt')}</th>
                <th scope="col">{t('admin.logActor')}</th>
                <th scope="col">{t('admin.logAction')}</th>
                <th scope="col">{t('admin.logTarget')}</th>
                <th scope="col">{t('admin.logChange')}</th>
              </tr>
            </thead>
            <tbody>
              {value.items.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td data-label={t('admin.logAt')}>{when(e.at)}</td>
                  <td data-label={t('admin.logActor')}>{e.actorUsername}</td>
                  <th scope="row" data-label={t('admin.logAction')}>
                    {KIND_KEYS[e.kind] ? t(KIND_KEYS[e.kind] as MessageKey) : e.kind}
                  </th>
                  <td data-label={t('admin.logTarget')}>{e.username ?? e.target?.replace(/^section:/, '') ?? '—'}</td>
                  <td data-label={t('admin.logChange')}>{changeText(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {value && value.total > PAGE ? (
        <nav className="toolbar" aria-label={t('admin.logPages')}>
          <button type="button" className="button button--ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('admin.logNewer')}
          </button>
          <button type="button" className="button button--ghost" disabled={offset + PAGE >= value.total} onClick={() => setOffset(offset + PAGE)}>
            {t('admin.logOlder')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
