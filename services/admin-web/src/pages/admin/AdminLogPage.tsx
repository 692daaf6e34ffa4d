import { useCallback, useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { StackedTable } from '../../components/StackedTable';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { AdminLogEntry } from '../../lib/accounts';
import { useLoadable } from '../../api/use-loadable';
import { templateKindKey } from '../../lib/message-templates';
import type { Lang } from '../../lib/lang';
import { channelLabel } from '../../lib/sop-labels';
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
  MESSAGE_TEMPLATE_CHANGED: 'admin.kind.MESSAGE_TEMPLATE_CHANGED',
  OFFICE_PROFILE_CHANGED: 'admin.kind.OFFICE_PROFILE_CHANGED',
  SLA_POLICY_CHANGED: 'admin.kind.SLA_POLICY_CHANGED',
  STATUS_MESSAGES_CHANGED: 'admin.kind.STATUS_MESSAGES_CHANGED',
  APPEAL_WINDOW_CHANGED: 'admin.kind.APPEAL_WINDOW_CHANGED',
  RETENTION_POLICY_CHANGED: 'admin.kind.RETENTION_POLICY_CHANGED',
};
type LogPage = { items: readonly AdminLogEntry[]; total: number };

/** What an entry without an account is about: a section's code, a message text's message and channel (docs/adr/0050). */
function targetText(target: string | null | undefined, t: (key: MessageKey) => string, lang: Lang): string {
  if (!target) return '—';
  if (target === 'office-profile') return t('admin.targetOfficeProfile');
  if (target === 'sla-policy') return t('admin.targetSlaPolicy');
  if (target === 'status-messages') return t('admin.targetStatusMessages');
  if (target === 'appeal-window') return t('admin.targetAppealWindow');
  const template = /^template:([A-Z_]+):([A-Z_]+)(?::([A-Z_]+))?$/.exec(target);
  if (template) {
    const key = templateKindKey({ purpose: template[1] ?? '', variant: template[3] ?? 'STANDARD' });
    return `${key ? t(key) : target} — ${channelLabel(template[2] ?? '', lang)}`;
  }
  return target.replace(/^section:/, '');
}

/** `before → after` of each field an entry changed. */
function changeText(entry: AdminLogEntry): string {
  // A list (an office's parent units) reads as its items, one after another.
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(' / ') : String(v));
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
        <StackedTable
          caption={t('admin.logTitle')}
          rows={value.items}
          rowKey={(e, i) => `${e.at}-${i}`}
          columns={[
            { label: t('admin.logAt'), cell: (e) => when(e.at) },
            { label: t('admin.logActor'), cell: (e) => e.actorUsername },
            { label: t('admin.logAction'), rowHeader: true, cell: (e) => (KIND_KEYS[e.kind] ? t(KIND_KEYS[e.kind] as MessageKey) : e.kind) },
            { label: t('admin.logTarget'), cell: (e) => e.username ?? targetText(e.target, t, lang) },
            { label: t('admin.logChange'), cell: (e) => changeText(e) },
          ]}
        />
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
