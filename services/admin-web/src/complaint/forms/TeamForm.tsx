import { FIELD_RULES, TEAM_MEMBER_ROLE_LABELS, TEAM_MEMBER_ROLES } from '@pengaduan/sop';
import { useEffect, useRef, useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { FieldError, SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { wibDateKey } from '../../lib/format';
import { memberFieldsOf, officerOptionLabel, OUTSIDE_OFFICE } from '../../lib/office-officers';
import { validateTeamDecree, type TeamMemberInput } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';
import { useOfficeOfficers } from './use-office-officers';

const FORM = 'team';

interface MemberRow extends TeamMemberInput {
  readonly rowId: number;
  /** The office officer picked for the row (their account's id), or OUTSIDE_OFFICE: typed in. */
  officer: string;
}

const emptyMember = { name: '', nip: '', position: '' };

/** SOP step 6: the head of office issues the team decree (SK Tim Penanganan Aduan). */
export function TeamForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const today = wibDateKey(Date.now());
  const nextRow = useRef(2);
  const [decreeDate, setDecreeDate] = useState(today);
  const [members, setMembers] = useState<MemberRow[]>([{ rowId: 1, officer: OUTSIDE_OFFICE, ...emptyMember, teamRole: 'KETUA' }]);
  const [mandate, setMandate] = useState('');
  const [periodStartDate, setPeriodStartDate] = useState(today);
  const [periodEndDate, setPeriodEndDate] = useState('');
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const loaded = useOfficeOfficers();
  const officers = loaded.state === 'ok' ? loaded.value : [];
  const officerOptions = [...officers.map((o) => ({ value: o.id, label: officerOptionLabel(o) })), { value: OUTSIDE_OFFICE, label: t('form.team.officerOutside') }];

  const labels: Record<string, string> = { decreeDate: t('field.decreeDate'), members: t('form.team.members') };
  members.forEach((_, i) => {
    labels[`members.${i}.name`] = t('form.team.memberName', { n: i + 1 });
    labels[`members.${i}.nip`] = t('form.team.memberNip', { n: i + 1 });
    labels[`members.${i}.position`] = t('form.team.memberPosition', { n: i + 1 });
    labels[`members.${i}.teamRole`] = t('form.team.memberRole', { n: i + 1 });
  });
  labels['mandate'] = t('field.mandate');
  labels['periodStartDate'] = t('field.periodStart');
  labels['periodEndDate'] = t('field.periodEnd');
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'formTeam'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  useEffect(() => {
    if (focusRow === null) return;
    document.getElementById(fieldId(FORM, `members.${focusRow}.officer`))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const update = (rowId: number, change: Partial<Omit<MemberRow, 'rowId'>>) => setMembers((all) => all.map((m) => (m.rowId === rowId ? { ...m, ...change } : m)));
  // An officer fills the row from their account; going back to outside the office empties what they filled.
  const pick = (row: MemberRow, value: string) => {
    const officer = officers.find((o) => o.id === value);
    if (officer) update(row.rowId, { officer: officer.id, ...memberFieldsOf(officer) });
    else if (row.officer !== OUTSIDE_OFFICE) update(row.rowId, { officer: OUTSIDE_OFFICE, ...emptyMember });
  };
  /** Whether the row's NIP is its picked officer's, from their account: not typed over (another NIP is another person). */
  const nipFromAccount = (row: MemberRow) => officers.some((o) => o.id === row.officer && o.nip !== undefined);
  const add = () => {
    const rowId = nextRow.current++;
    setMembers((all) => [...all, { rowId, officer: OUTSIDE_OFFICE, ...emptyMember, teamRole: 'ANGGOTA' }]);
    setFocusRow(members.length);
    command.check({});
  };
  const remove = (rowId: number) => {
    setMembers((all) => all.filter((m) => m.rowId !== rowId));
    command.check({});
    addButton.current?.focus();
  };

  const submit = async () => {
    const input = { decreeDate, members, mandate, periodStartDate, periodEndDate };
    if (!command.check(validateTeamDecree(input))) return;
    const result = await command.submit({
      decreeDate,
      members: members.map((m) => ({ name: m.name.trim(), nip: m.nip.trim(), position: m.position.trim(), teamRole: m.teamRole })),
      mandate: mandate.trim(),
      periodStartDate,
      periodEndDate,
    });
    if (result) onAccepted(result);
  };

  const membersError = err('members');
  return (
    <CommandForm formId={FORM} title={t('form.team.title')} submitLabel={ACTION_LABELS.formTeam[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextField id={fieldId(FORM, 'decreeDate')} label={labels['decreeDate']} type="date" required value={decreeDate} onValue={setDecreeDate} error={err('decreeDate')} />
      <fieldset className={`field fieldset${membersError ? ' field--invalid' : ''}`} id={fieldId(FORM, 'members')} aria-describedby={membersError ? `${fieldId(FORM, 'members')}-error` : undefined}>
        <legend className="field__label">{labels['members']}</legend>
        <p className="field__hint">{t('form.team.membersHint')}</p>
        {loaded.state === 'error' ? <p className="field__hint">{t('form.team.officersUnavailable')}</p> : null}
        <FieldError id={fieldId(FORM, 'members')} error={membersError} />
        <ol className="member-rows">
          {members.map((m, i) => (
            <li key={m.rowId} className="member-row">
              <fieldset className="fieldset member-row__fields">
                <legend className="fieldset__legend">{t('form.team.member', { n: i + 1 })}</legend>
                <SelectField
                  id={fieldId(FORM, `members.${i}.officer`)}
                  label={t('form.team.officer')}
                  hint={t('form.team.officerHint')}
                  value={m.officer}
                  onValue={(v) => pick(m, v)}
                  options={officerOptions}
                />
                <TextField
                  id={fieldId(FORM, `members.${i}.name`)}
                  label={t('field.memberName')}
                  required
                  maxLength={FIELD_RULES.officerName.maxLength}
                  value={m.name}
                  onValue={(v) => update(m.rowId, { name: v })}
                  error={err(`members.${i}.name`)}
                />
                <TextField
                  id={fieldId(FORM, `members.${i}.nip`)}
                  label={t('field.nip')}
                  hint={nipFromAccount(m) ? t('form.team.nipFromAccount') : t('form.team.nipHint')}
                  required
                  readOnly={nipFromAccount(m)}
                  inputMode="numeric"
                  autoComplete="off"
                  value={m.nip}
                  onValue={(v) => update(m.rowId, { nip: v.replace(/\s+/g, '') })}
                  error={err(`members.${i}.nip`)}
                />
                <TextField
                  id={fieldId(FORM, `members.${i}.position`)}
                  label={t('field.position')}
                  required
                  maxLength={FIELD_RULES.officerPosition.maxLength}
                  value={m.position}
                  onValue={(v) => update(m.rowId, { position: v })}
                  error={err(`members.${i}.position`)}
                />
                <SelectField
                  id={fieldId(FORM, `members.${i}.teamRole`)}
                  label={t('field.teamRole')}
                  required
                  value={m.teamRole}
                  onValue={(v) => update(m.rowId, { teamRole: v })}
                  options={TEAM_MEMBER_ROLES.map((r) => ({ value: r, label: TEAM_MEMBER_ROLE_LABELS[r][lang] }))}
                  error={err(`members.${i}.teamRole`)}
                  {...(membersError ? { 'aria-invalid': true } : {})}
                />
                {members.length > 1 ? (
                  <button type="button" className="button button--ghost" onClick={() => remove(m.rowId)}>
                    {t('form.team.removeMember', { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        <button type="button" className="button button--secondary" ref={addButton} onClick={add} disabled={members.length >= FIELD_RULES.teamMembers.maxItems}>
          {t('form.team.addMember')}
        </button>
      </fieldset>
      <TextArea id={fieldId(FORM, 'mandate')} label={labels['mandate']} hint={t('form.team.mandateHint')} required rows={4} maxLength={FIELD_RULES.mandate.maxLength} value={mandate} onValue={setMandate} error={err('mandate')} />
      <div className="field-row">
        <TextField id={fieldId(FORM, 'periodStartDate')} label={labels['periodStartDate']} type="date" required value={periodStartDate} onValue={setPeriodStartDate} error={err('periodStartDate')} />
        <TextField
          id={fieldId(FORM, 'periodEndDate')}
          label={labels['periodEndDate']}
          type="date"
          required
          min={periodStartDate || undefined}
          value={periodEndDate}
          onValue={setPeriodEndDate}
          error={err('periodEndDate')}
        />
      </div>
    </CommandForm>
  );
}
