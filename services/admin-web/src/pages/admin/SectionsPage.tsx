import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { assignFieldErrors } from '../../api/problem';
import { pageProblem } from '../../api/problem-message';
import type { Section, SectionList } from '../../api/types/office-reports';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { StackedTable } from '../../components/StackedTable';
import { useI18n } from '../../i18n/i18n';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { useLoadable } from '../../api/use-loadable';
import { sectionPath } from '../../lib/office-admin';
import { newUuid } from '../../lib/uuid';
import { serverFieldErrors, type FieldErrors } from '../../lib/validation';
import { AdminTabs } from './AdminTabs';

type Outcome = { kind: 'added' | 'renamed' | 'retired'; name: string } | { kind: 'error'; message: Msg | ErrorMsg };

/**
 * `/administrasi/seksi`: the head of office adds, renames and retires the office's sections
 * (docs/adr/0042). A retired section stays listed, marked, for the old sheets that name it; it is
 * offered for no new disposition.
 */
export function SectionsPage() {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const readSections = useCallback(async () => (await api.get<SectionList>('/api/v1/sections?includeRetired=true')).items as readonly Section[], [api]);
  const [sections, load] = useLoadable(readSections);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState({ code: '', name: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const [key, setKey] = useState(newUuid);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const run = async (work: () => Promise<Outcome>, fields?: readonly string[]) => {
    setBusy(true);
    setOutcome(null);
    setErrors({});
    try {
      setOutcome(await work());
      await load();
    } catch (err) {
      if (fields && err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) setErrors(serverFieldErrors(assignFieldErrors(err.problem.errors, fields).byField));
      else setOutcome({ kind: 'error', message: pageProblem(err) });
    } finally {
      setBusy(false);
    }
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    const code = draft.code.trim().toUpperCase();
    void run(async () => {
      const section = await api.post<Section>('/api/v1/sections', { code, name: draft.name.trim() }, { idempotencyKey: key });
      setDraft({ code: '', name: '' });
      setKey(newUuid());
      return { kind: 'added', name: section.name };
    }, ['code', 'name']);
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (!renaming) return;
    void run(async () => {
      const section = await api.patch<Section>(sectionPath(renaming.code), { name: renaming.name.trim() });
      setRenaming(null);
      return { kind: 'renamed', name: section.name };
    }, ['name']);
  };
  const retire = (section: Section) => {
    if (!window.confirm(t('admin.confirmRetire', { name: section.name }))) return;
    void run(async () => {
      await api.post<Section>(sectionPath(section.code, true), undefined, { idempotencyKey: newUuid() });
      return { kind: 'retired', name: section.name };
    });
  };

  const items = sections.state === 'ok' ? sections.value : [];
  return (
    <div className="page">
      <PageHeading title={t('admin.sectionsTitle')}>{t('admin.sectionsTitle')}</PageHeading>
      <AdminTabs current="adminSections" />
      <p className="lead">{t('admin.sectionsLead')}</p>
      {outcome?.kind === 'error' ? <ErrorMessage ref={outcomeRef}>{msg(outcome.message)}</ErrorMessage> : null}
      {outcome && outcome.kind !== 'error' ? (
        <StatusMessage ref={outcomeRef} tone="success">
          {t(outcome.kind === 'added' ? 'admin.sectionAdded' : outcome.kind === 'renamed' ? 'admin.sectionRenamed' : 'admin.sectionRetired', { name: outcome.name })}
        </StatusMessage>
      ) : null}
      {sections.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {sections.state === 'error' ? <ErrorMessage>{sections.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {items.length > 0 ? (
        <StackedTable
          caption={t('admin.sectionsTitle')}
          rows={items}
          rowKey={(s) => s.code}
          columns={[
            { label: t('admin.sectionCode'), rowHeader: true, cell: (s) => s.code },
            {
              label: t('admin.sectionName'),
              cell: (s) =>
                renaming?.code === s.code ? (
                  <form className="toolbar" noValidate onSubmit={rename}>
                    <TextField id="section-rename" label={t('admin.newName', { code: s.code })} required value={renaming.name} onValue={(name) => setRenaming({ code: s.code, name })} error={errors['name'] ? msg(errors['name']) : undefined} />
                    <button type="submit" className="button" disabled={busy}>
                      {t('admin.saveName')}
                    </button>
                    <button type="button" className="button button--ghost" onClick={() => setRenaming(null)}>
                      {t('admin.cancel')}
                    </button>
                  </form>
                ) : (
                  s.name
                ),
            },
            { label: t('accounts.status'), cell: (s) => (s.retired ? t('admin.retired') : t('accounts.active')) },
            {
              label: t('accounts.actions'),
              cell: (s) =>
                s.retired ? null : (
                  <div className="toolbar">
                    <button type="button" className="button button--secondary" aria-label={t('admin.renameFor', { name: s.name })} disabled={busy} onClick={() => setRenaming({ code: s.code, name: s.name })}>
                      {t('admin.rename')}
                    </button>
                    <button type="button" className="button button--ghost" aria-label={t('admin.retireFor', { name: s.name })} disabled={busy} onClick={() => retire(s)}>
                      {t('admin.retire')}
                    </button>
                  </div>
                ),
            },
          ]}
        />
      ) : null}
      <form className="form form--compact section" noValidate onSubmit={add} aria-labelledby="section-add-title">
        <h2 id="section-add-title">{t('admin.addSectionTitle')}</h2>
        <TextField id="section-code" label={t('admin.sectionCode')} hint={t('admin.sectionCodeHint')} required value={draft.code} onValue={(code) => setDraft((d) => ({ ...d, code }))} error={errors['code'] && !renaming ? msg(errors['code']) : undefined} autoComplete="off" />
        <TextField id="section-name" label={t('admin.sectionName')} required value={draft.name} onValue={(name) => setDraft((d) => ({ ...d, name }))} error={errors['name'] && !renaming ? msg(errors['name']) : undefined} autoComplete="off" />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('admin.addSection')}
          </button>
        </div>
      </form>
    </div>
  );
}
