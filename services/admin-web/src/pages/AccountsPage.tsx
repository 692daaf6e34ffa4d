import { useCallback, useEffect, useRef, useState } from 'react';
import { pageProblem } from '../api/problem-message';
import { useAuth, useSession } from '../app/auth';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { CopyButton } from '../components/CopyButton';
import { PageHeading } from '../components/PageHeading';
import { StackedTable } from '../components/StackedTable';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import type { Section, SectionList } from '../api/types/office-reports';
import { accountActionPath, type AddedOfficer, type OfficeAccount, type PasswordResetResult } from '../lib/accounts';
import { useLoadable } from '../api/use-loadable';
import { roleLabel } from '../lib/sop-labels';
import { AdminTabs } from './admin/AdminTabs';
import { OfficerEditor, type Editing } from './admin/OfficerForm';

/** What the last action left to say: a one-time password to hand over, a deactivation, a change, or a refusal. */
type Outcome =
  | { kind: 'reset'; username: string; password: string }
  | { kind: 'deactivated' | 'saved'; username: string }
  | { kind: 'error'; message: Msg | ErrorMsg };


/**
 * `/akun`: the head of office (KEPALA_KANTOR) lists the office's accounts (`GET /api/v1/users`),
 * adds and changes officers (docs/adr/0042), resets an officer's password (the one-time password
 * is shown once, to hand over) and deactivates an account. Any other officer is told the page is not theirs (the gateway
 * answers 403 anyway).
 */
export function AccountsPage() {
  const { t, msg, lang } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const readAccounts = useCallback(async () => (await api.get<{ items: OfficeAccount[] }>('/api/v1/users')).items as readonly OfficeAccount[], [api]);
  const [accounts, load] = useLoadable(readAccounts);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [sections, setSections] = useState<readonly Section[]>([]);

  useEffect(() => {
    api.get<SectionList>('/api/v1/sections').then(
      (list) => setSections(list.items),
      () => setSections([]),
    );
  }, [api]);

  const saved = async (officer: AddedOfficer) => {
    setEditing(null);
    setOutcome(officer.oneTimePassword ? { kind: 'reset', username: officer.username, password: officer.oneTimePassword } : { kind: 'saved', username: officer.username });
    await load();
  };

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const act = async (account: OfficeAccount, action: 'password-reset' | 'deactivate', resetSecondFactor = false) => {
    const question =
      action === 'deactivate'
        ? t('accounts.confirmDeactivate', { username: account.username })
        : t(resetSecondFactor ? 'accounts.confirmResetSecondFactor' : 'accounts.confirmReset', { username: account.username });
    if (!window.confirm(question)) return;
    setBusy(account.username);
    setOutcome(null);
    try {
      if (action === 'password-reset') {
        const result = await api.post<PasswordResetResult>(accountActionPath(account.username, action), resetSecondFactor ? { resetSecondFactor: true } : {});
        setOutcome({ kind: 'reset', username: result.username, password: result.oneTimePassword ?? '' });
      } else {
        await api.post<OfficeAccount>(accountActionPath(account.username, action), undefined);
        setOutcome({ kind: 'deactivated', username: account.username });
      }
      await load();
    } catch (err) {
      setOutcome({ kind: 'error', message: actionProblem(err) });
    } finally {
      setBusy(null);
    }
  };

  const items = accounts.state === 'ok' ? accounts.value : [];
  return (
    <div className="page">
      <PageHeading title={t('accounts.title')}>{t('accounts.title')}</PageHeading>
      <AdminTabs current="accounts" />
      <p className="lead">{t('accounts.lead', { office: session.user.officeCode })}</p>
      <OfficerEditor editing={editing} sections={sections} onEdit={setEditing} onDone={(officer) => void saved(officer)} />
      {outcome?.kind === 'reset' ? (
        <StatusMessage ref={outcomeRef} tone="success">
          <p>{t('accounts.oneTimePassword', { username: outcome.username })}</p>
          <p>
            <code className="one-time-password">{outcome.password}</code> <CopyButton text={outcome.password} label={t('accounts.copyPassword')} />
          </p>
        </StatusMessage>
      ) : null}
      {outcome?.kind === 'deactivated' || outcome?.kind === 'saved' ? (
        <StatusMessage ref={outcomeRef} tone="success">
          {t(outcome.kind === 'saved' ? 'admin.officerSaved' : 'accounts.deactivated', { username: outcome.username })}
        </StatusMessage>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorMessage ref={outcomeRef}>{msg(outcome.message)}</ErrorMessage> : null}
      {accounts.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {accounts.state === 'error' ? (
        <ErrorMessage>{accounts.status === 403 ? t('accounts.forbidden') : accounts.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage>
      ) : null}
      {accounts.state === 'ok' && items.length === 0 ? <p>{t('accounts.empty')}</p> : null}
      {items.length > 0 ? (
        <StackedTable
          caption={t('accounts.listLabel')}
          rows={items}
          rowKey={(a) => a.username}
          columns={[
            { label: t('accounts.username'), rowHeader: true, cell: (a) => a.username },
            { label: t('accounts.name'), cell: (a) => a.displayName },
            {
              label: t('accounts.role'),
              cell: (a) => (
                <>
                  {roleLabel(a.role, lang)}
                  {a.sectionCode ? ` · ${a.sectionCode}` : ''}
                  {a.secondFactorRequired ? ` · ${t('admin.secondFactorRequiredShort')}` : ''}
                </>
              ),
            },
            { label: t('accounts.status'), cell: (a) => (a.active ? t('accounts.active') : t('accounts.inactive')) },
            {
              label: t('accounts.actions'),
              cell: (a) => (
                <div className="toolbar">
                  {a.active ? (
                    <button type="button" className="button button--secondary" aria-label={t('admin.editOfficerFor', { username: a.username })} disabled={busy !== null} onClick={() => setEditing({ kind: 'edit', account: a })}>
                      {t('admin.editOfficer')}
                    </button>
                  ) : null}
                  <button type="button" className="button button--secondary" aria-label={t('accounts.resetFor', { username: a.username })} disabled={busy !== null} onClick={() => void act(a, 'password-reset')}>
                    {t('accounts.reset')}
                  </button>
                  <button type="button" className="button button--ghost" aria-label={t('accounts.resetSecondFactorFor', { username: a.username })} disabled={busy !== null} onClick={() => void act(a, 'password-reset', true)}>
                    {t('accounts.resetSecondFactor')}
                  </button>
                  {a.active && a.username !== session.user.username ? (
                    <button type="button" className="button button--ghost" aria-label={t('accounts.deactivateFor', { username: a.username })} disabled={busy !== null} onClick={() => void act(a, 'deactivate')}>
                      {t('accounts.deactivate')}
                    </button>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}

function actionProblem(err: unknown): Msg | ErrorMsg {
  return pageProblem(err, ({ status, code }): Msg | undefined => {
    if (status === 403) return { key: 'accounts.forbidden' };
    return code === 'ACCOUNT.CANNOT_DEACTIVATE_SELF' ? { key: 'accounts.self' } : undefined;
  });
}
