import { DISPOSITION_INSTRUCTION_LABELS, DISPOSITION_INSTRUCTIONS, FIELD_RULES } from '@pengaduan/sop';
import { useMemo, useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { ErrorMessage } from '../../components/Alerts';
import { FieldError, TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { validateDisposition, type DispositionSectionInput } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'dispose';

/** SOP step 3: the head of office dispositions the complaint to sections (Lembar Disposisi). */
export function DisposeForm({ detail, sections, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [lines, setLines] = useState<Record<string, DispositionSectionInput>>({});
  const [note, setNote] = useState('');
  // A retired section is named on old sheets but offered for no new disposition (docs/adr/0042).
  const list = useMemo(() => (sections ?? []).filter((s) => !s.retired), [sections]);
  const inputs = list.map((s) => lines[s.code] ?? { sectionCode: s.code, chosen: false, instructions: [], note: '' });
  const chosen = inputs.filter((l) => l.chosen);

  const labels: Record<string, string> = { sections: t('form.dispose.sections') };
  for (const s of list) {
    labels[`section.${s.code}.instructions`] = t('form.dispose.instructionsOf', { section: s.name });
    labels[`section.${s.code}.note`] = t('form.dispose.noteOf', { section: s.name });
  }
  labels['note'] = t('form.dispose.sheetNote');

  // The gateway names a line by its place on the sheet (`lines.1.instructions`); the form by its section.
  const renameField = (field: string): string => {
    const m = /^lines(?:\.(\d+)(?:\.(\w+))?)?/.exec(field);
    if (!m) return field;
    const line = m[1] === undefined ? undefined : chosen[Number(m[1])];
    if (!line || m[2] === 'sectionCode') return 'sections';
    return `section.${line.sectionCode}.${m[2] === 'note' ? 'note' : 'instructions'}`;
  };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'dispose'), { knownFields: Object.keys(labels), renameField, onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const update = (code: string, change: Partial<DispositionSectionInput>) =>
    setLines((all) => ({ ...all, [code]: { ...(all[code] ?? { sectionCode: code, chosen: false, instructions: [], note: '' }), ...change } }));

  const toggleInstruction = (code: string, instruction: string, on: boolean) => {
    const current = lines[code]?.instructions ?? [];
    const next = on ? DISPOSITION_INSTRUCTIONS.filter((i) => i === instruction || current.includes(i)) : current.filter((i) => i !== instruction);
    update(code, { instructions: next });
  };

  const submit = async () => {
    if (!command.check(validateDisposition(inputs, note))) return;
    const result = await command.submit({
      lines: chosen.map((l) => ({ sectionCode: l.sectionCode, instructions: l.instructions, ...(l.note.trim() ? { note: l.note.trim() } : {}) })),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (result) onAccepted(result);
  };

  const sectionsError = err('sections');
  return (
    <CommandForm formId={FORM} title={t('form.dispose.title')} submitLabel={ACTION_LABELS.dispose[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      {sections === null ? <ErrorMessage>{t('form.dispose.noSections')}</ErrorMessage> : null}
      <fieldset className={`field fieldset${sectionsError ? ' field--invalid' : ''}`} id={fieldId(FORM, 'sections')} aria-describedby={sectionsError ? `${fieldId(FORM, 'sections')}-error` : undefined}>
        <legend className="field__label">
          {labels['sections']} <span className="field__required">({t('form.required')})</span>
        </legend>
        <p className="field__hint">{t('form.dispose.sectionsHint')}</p>
        <FieldError id={fieldId(FORM, 'sections')} error={sectionsError} />
        {list.map((s) => {
          const line = lines[s.code];
          const checkboxId = fieldId(FORM, `section.${s.code}`);
          const instructionsField = `section.${s.code}.instructions`;
          const instructionsError = err(instructionsField);
          return (
            <div key={s.code} className="disposition-line">
              <div className="field field--checkbox">
                <input
                  type="checkbox"
                  className="checkbox"
                  id={checkboxId}
                  checked={line?.chosen ?? false}
                  onChange={(e) => update(s.code, { chosen: e.target.checked })}
                  aria-invalid={sectionsError ? true : undefined}
                  aria-describedby={sectionsError ? `${fieldId(FORM, 'sections')}-error` : undefined}
                />
                <label htmlFor={checkboxId} className="field__label field__label--inline">
                  {s.name} <span className="muted">({s.code})</span>
                </label>
              </div>
              {line?.chosen ? (
                <div className="disposition-line__details">
                  <fieldset
                    className={`field fieldset${instructionsError ? ' field--invalid' : ''}`}
                    id={fieldId(FORM, instructionsField)}
                    aria-describedby={instructionsError ? `${fieldId(FORM, instructionsField)}-error` : undefined}
                  >
                    <legend className="field__label">{t('form.dispose.instructions')}</legend>
                    <FieldError id={fieldId(FORM, instructionsField)} error={instructionsError} />
                    {DISPOSITION_INSTRUCTIONS.map((i) => {
                      const id = fieldId(FORM, `section.${s.code}.instruction.${i}`);
                      return (
                        <div className="field field--checkbox" key={i}>
                          <input
                            type="checkbox"
                            className="checkbox"
                            id={id}
                            checked={line.instructions.includes(i)}
                            onChange={(e) => toggleInstruction(s.code, i, e.target.checked)}
                            aria-invalid={instructionsError ? true : undefined}
                            aria-describedby={instructionsError ? `${fieldId(FORM, instructionsField)}-error` : undefined}
                          />
                          <label htmlFor={id} className="field__label field__label--inline">
                            {DISPOSITION_INSTRUCTION_LABELS[i][lang]}
                          </label>
                        </div>
                      );
                    })}
                  </fieldset>
                  <TextArea
                    id={fieldId(FORM, `section.${s.code}.note`)}
                    label={labels[`section.${s.code}.note`]}
                    rows={3}
                    maxLength={FIELD_RULES.note.maxLength}
                    value={line.note}
                    onValue={(v) => update(s.code, { note: v })}
                    error={err(`section.${s.code}.note`)}
                  />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <TextArea id={fieldId(FORM, 'note')} label={labels['note']} rows={3} maxLength={FIELD_RULES.note.maxLength} value={note} onValue={setNote} error={err('note')} />
    </CommandForm>
  );
}
