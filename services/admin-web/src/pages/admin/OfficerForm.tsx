import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { assignFieldErrors } from '../../api/problem';
import { pageProblem } from '../../api/problem-message';
import type { Section } from '../../api/types/office-reports';
import { useAuth } from '../../app/auth';
import { ErrorMessage } from '../../components/Alerts';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import type { AddedOfficer, OfficeAccount } from '../../lib/accounts';
import { focusFirstInvalid } from '../../lib/focus';
import { addOfficerBody, changeOfficerBody, EMPTY_OFFICER, OFFICER_ROLE_CHOICES, officerPath, SECTION_ROLE, type OfficerInput } from '../../lib/office-admin';
import { roleLabel } from '../../lib/sop-labels';
import { newUuid } from '../../lib/uuid';
import { serverFieldErrors, type FieldErrors } from '../../lib/validation';

const FIELDS = ['username', 'displayName', 'nip', 'position', 'role', 'sectionCode', 'secondFactorRequired'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Adds an officer (`POST /api/v1/users`, one Idempotency-Key per form, so a retry adds no second
 * officer) or changes one (`PATCH /api/v1/users/{username}`: role, section, position, second
 * factor). The section is asked for a SEKSI_TERKAIT officer only, from the office's active
 * sections. The gateway checks every field; its answer is shown by the field it names.
 */
export function OfficerForm({
  initial,
  editing,
  sections,
  onDone,
  onCancel,
}: {
  initial: OfficerInput;
  /** The officer changed; absent: a new officer is added. */
  editing?: OfficeAccount;
  sections: readonly Section[];
  onDone: (officer: AddedOfficer) => void;
  onCancel: () => void;
}) {
  const { t, msg, lang } = useI18n();
  const { api } = useAuth();
  const [input, setInput] = useState<OfficerInput>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const [key] = useState(newUuid);
  const formRef = useRef<HTMLFormElement>(null);
  const prefix = editing ? 'officer-edit' : 'officer-add';
  const set = (field: Field) => (value: string) => setInput((i) => ({ ...i, [field]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const found: FieldErrors = {};
    if (!editing && !input.username.trim()) found['username'] = { key: 'validation.required' };
    if (!editing && !input.displayName.trim()) found['displayName'] = { key: 'validation.required' };
    if (!input.role) found['role'] = { key: 'validation.required' };
    if (input.role === SECTION_ROLE && !input.sectionCode) found['sectionCode'] = { key: 'validation.required' };
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
    setSending(true);
    try {
      onDone(
        editing
          ? await api.patch<AddedOfficer>(officerPath(editing.username), changeOfficerBody(input))
          : await api.post<AddedOfficer>('/api/v1/users', addOfficerBody(input), { idempotencyKey: key }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) {
        const { byField, unassigned } = assignFieldErrors(err.problem.errors, FIELDS);
        setErrors(serverFieldErrors(byField));
        if (unassigned.length > 0) setProblem(pageProblem(err));
        window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      } else setProblem(pageProblem(err));
    } finally {
      setSending(false);
    }
  };

  const labels: Record<Field, string> = {
    username: t('accounts.username'),
    displayName: t('accounts.name'),
    nip: t('admin.nip'),
    position: t('admin.position'),
    role: t('accounts.role'),
    sectionCode: t('admin.section'),
    secondFactorRequired: t('admin.secondFactorRequired'),
  };
  const error = (f: Field) => (errors[f] ? msg(errors[f]) : undefined);
  const summary = FIELDS.flatMap((f) => (errors[f] ? [{ id: `${prefix}-${f}`, label: labels[f], message: msg(errors[f]) }] : []));
  const text = (f: 'username' | 'displayName' | 'nip' | 'position', required: boolean, extra: { hint?: string; inputMode?: 'numeric' } = {}) => (
    <TextField id={`${prefix}-${f}`} label={labels[f]} required={required} value={input[f]} onValue={set(f)} error={error(f)} autoComplete="off" {...extra} />
  );

  return (
    <form ref={formRef} className="form form--compact section" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{editing ? t('admin.editOfficerTitle', { username: editing.username }) : t('admin.addOfficerTitle')}</h2>
      <ErrorSummary errors={summary} />
      {problem ? <ErrorMessage>{msg(problem)}</ErrorMessage> : null}
      {editing ? null : text('username', true, { hint: t('admin.usernameHint') })}
      {editing ? null : text('displayName', true)}
      {editing ? null : text('nip', false, { hint: t('admin.nipHint'), inputMode: 'numeric' })}
      {text('position', false)}
      <SelectField
        id={`${prefix}-role`}
        label={labels.role}
        required
        value={input.role}
        onValue={set('role')}
        placeholder={t('admin.choose')}
        options={OFFICER_ROLE_CHOICES.map((role) => ({ value: role, label: roleLabel(role, lang) }))}
        error={error('role')}
      />
      {input.role === SECTION_ROLE ? (
        <SelectField
          id={`${prefix}-sectionCode`}
          label={labels.sectionCode}
          required
          value={input.sectionCode}
          onValue={set('sectionCode')}
          placeholder={t('admin.choose')}
          options={sections.map((s) => ({ value: s.code, label: s.name }))}
          error={error('sectionCode')}
        />
      ) : null}
      <CheckboxField
        id={`${prefix}-secondFactorRequired`}
        label={labels.secondFactorRequired}
        hint={t('admin.secondFactorRequiredHint')}
        checked={input.secondFactorRequired}
        onChecked={(checked) => setInput((i) => ({ ...i, secondFactorRequired: checked }))}
        error={error('secondFactorRequired')}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={sending}>
          {editing ? t('admin.saveOfficer') : t('admin.addOfficer')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        {sending ? <span role="status">{t('form.sending')}</span> : null}
      </div>
    </form>
  );
}

/** The officer form open: a new officer, or the officer changed; null: closed. */
export type Editing = { kind: 'add' } | { kind: 'edit'; account: OfficeAccount } | null;

/** What the form starts from for an officer changed: their role, section, position and second factor. */
function inputOf(account: OfficeAccount): OfficerInput {
  return { ...EMPTY_OFFICER, role: account.role, sectionCode: account.sectionCode ?? '', position: account.position ?? '', secondFactorRequired: account.secondFactorRequired === true };
}

/** The "add an officer" button, or the officer form open (to add, or to change `editing.account`). */
export function OfficerEditor({ editing, sections, onEdit, onDone }: { editing: Editing; sections: readonly Section[]; onEdit: (editing: Editing) => void; onDone: (officer: AddedOfficer) => void }) {
  const { t } = useI18n();
  if (!editing) {
    return (
      <p>
        <button type="button" className="button" onClick={() => onEdit({ kind: 'add' })}>
          {t('admin.addOfficerTitle')}
        </button>
      </p>
    );
  }
  return editing.kind === 'edit' ? (
    <OfficerForm key={editing.account.username} initial={inputOf(editing.account)} editing={editing.account} sections={sections} onDone={onDone} onCancel={() => onEdit(null)} />
  ) : (
    <OfficerForm key="add" initial={EMPTY_OFFICER} sections={sections} onDone={onDone} onCancel={() => onEdit(null)} />
  );
}
