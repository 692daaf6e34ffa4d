import { FIELD_RULES, ISO_WEEKDAYS, type IsoWeekday, type OfficeDayOff } from '@pengaduan/sop';
import { useState } from 'react';
import { CheckboxField, TextField } from '../../components/fields';
import { StackedTable } from '../../components/StackedTable';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatCalendarDate } from '../../lib/format';
import { validateDayOff, type DayInput, type SlaPolicyInput } from '../../lib/sla-policy';
import { stepShortName } from '../../lib/sop-labels';
import type { FieldErrors } from '../../lib/validation';

// The parts of /administrasi/sla's form (SlaPolicyPage): the working days and hours, the hours of
// each step, and the office's days off.

const WEEKDAY_KEYS: Readonly<Record<IsoWeekday, MessageKey>> = {
  '1': 'sla.weekday.1',
  '2': 'sla.weekday.2',
  '3': 'sla.weekday.3',
  '4': 'sla.weekday.4',
  '5': 'sla.weekday.5',
  '6': 'sla.weekday.6',
  '7': 'sla.weekday.7',
};

interface PartProps {
  readonly input: SlaPolicyInput;
  readonly errors: FieldErrors;
  readonly change: (next: Partial<SlaPolicyInput>, fields: readonly string[]) => void;
}

/** Which days are worked, from when to when (one period a day; a day left as read keeps its periods). */
export function WorkingDays({ input, errors, change }: PartProps) {
  const { t, msg } = useI18n();
  const setDay = (day: IsoWeekday, next: Partial<DayInput>) => change({ days: { ...input.days, [day]: { ...input.days[day], ...next } } }, [`day-${day}`, 'days']);
  return (
    <fieldset className="fieldset section" id="days" aria-describedby={errors['days'] ? 'days-error' : 'days-hint'}>
      <legend className="field__label">{t('sla.workingDaysTitle')}</legend>
      <p id="days-hint" className="field__hint">
        {t('sla.workingDaysHint')}
      </p>
      {errors['days'] ? (
        <p id="days-error" className="field__error">
          {msg(errors['days'])}
        </p>
      ) : null}
      {ISO_WEEKDAYS.map((day) => {
        const d = input.days[day];
        const name = t(WEEKDAY_KEYS[day]);
        const error = errors[`day-${day}`] ? msg(errors[`day-${day}`] as NonNullable<FieldErrors[string]>) : undefined;
        return (
          <div key={day} className="toolbar sla-day" role="group" aria-label={name}>
            <CheckboxField id={`day-${day}`} label={t('sla.works', { day: name })} checked={d.works} onChecked={(works) => setDay(day, { works })} error={error} />
            {d.works ? (
              <>
                <TextField id={`day-${day}-start`} type="time" label={t('sla.start', { day: name })} required value={d.start} onValue={(start) => setDay(day, { start })} />
                <TextField id={`day-${day}-end`} type="time" label={t('sla.end', { day: name })} required value={d.end} onValue={(end) => setDay(day, { end })} />
              </>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The hours of each timed step (named as the SOP names them), at most the SOP's. */
export function StepHours({ input, errors, change, sopHours }: PartProps & { readonly sopHours: Readonly<Record<string, number>> }) {
  const { t, msg, lang } = useI18n();
  return (
    <fieldset className="fieldset section">
      <legend className="field__label">{t('sla.hoursTitle')}</legend>
      <p className="field__hint">{t('sla.hoursHint')}</p>
      {Object.entries(sopHours).map(([clock, max]) => (
        <TextField
          key={clock}
          id={`hours-${clock}`}
          type="number"
          inputMode="decimal"
          min={1}
          max={max}
          step={0.5}
          label={t('sla.hoursLabel', { step: stepShortName(clock, lang) })}
          hint={t('sla.hoursMax', { max })}
          required
          value={input.hours[clock] ?? String(max)}
          onValue={(value) => change({ hours: { ...input.hours, [clock]: value } }, [`hours-${clock}`])}
          error={errors[`hours-${clock}`] ? msg(errors[`hours-${clock}`] as NonNullable<FieldErrors[string]>) : undefined}
        />
      ))}
    </fieldset>
  );
}

/** The national holidays and cuti bersama, and the office's own days off: added (date and name) and removed. */
export function DaysOff({ input, errors, change }: PartProps) {
  const { t, msg, lang } = useI18n();
  const [draft, setDraft] = useState<OfficeDayOff>({ date: '', name: '' });
  const [draftErrors, setDraftErrors] = useState<FieldErrors>({});
  const add = () => {
    const candidate = { date: draft.date, name: draft.name.trim() };
    const found = validateDayOff(input, candidate);
    setDraftErrors(found);
    if (Object.keys(found).length > 0) return;
    change({ daysOff: [...input.daysOff, candidate].sort((a, b) => a.date.localeCompare(b.date)) }, ['daysOff']);
    setDraft({ date: '', name: '' });
  };
  const remove = (date: string) => change({ daysOff: input.daysOff.filter((d) => d.date !== date) }, ['daysOff']);
  const draftError = (field: string) => (draftErrors[field] ? msg(draftErrors[field] as NonNullable<FieldErrors[string]>) : undefined);
  return (
    <fieldset className="fieldset section" id="daysOff">
      <legend className="field__label">{t('sla.holidaysTitle')}</legend>
      <CheckboxField id="national-holidays" label={t('sla.nationalHolidays')} checked={input.nationalHolidays} onChecked={(nationalHolidays) => change({ nationalHolidays }, [])} />
      <CheckboxField id="cuti-bersama" label={t('sla.cutiBersamaOff')} checked={input.cutiBersamaOff} onChecked={(cutiBersamaOff) => change({ cutiBersamaOff }, [])} />
      <h3 className="h4">{t('sla.daysOffTitle')}</h3>
      {errors['daysOff'] ? <p className="field__error">{msg(errors['daysOff'])}</p> : null}
      {input.daysOff.length === 0 ? <p>{t('sla.daysOffEmpty')}</p> : null}
      {input.daysOff.length > 0 ? (
        <StackedTable
          caption={t('sla.daysOffTitle')}
          rows={input.daysOff}
          rowKey={(d) => d.date}
          columns={[
            { label: t('sla.dayOffDate'), rowHeader: true, cell: (d) => formatCalendarDate(d.date, lang) },
            { label: t('sla.dayOffName'), cell: (d) => d.name || '—' },
            {
              label: t('accounts.actions'),
              cell: (d) => (
                <button type="button" className="button button--ghost" aria-label={t('sla.removeDayOffFor', { name: d.name || d.date, date: formatCalendarDate(d.date, lang) })} onClick={() => remove(d.date)}>
                  {t('sla.removeDayOff')}
                </button>
              ),
            },
          ]}
        />
      ) : null}
      <div className="toolbar" role="group" aria-label={t('sla.addDayOff')}>
        <TextField id="dayOff-date" type="date" label={t('sla.dayOffDate')} required value={draft.date} onValue={(date) => setDraft((d) => ({ ...d, date }))} error={draftError('dayOff-date')} />
        <TextField id="dayOff-name" label={t('sla.dayOffName')} required maxLength={FIELD_RULES.officeDayOffName.maxLength} value={draft.name} onValue={(name) => setDraft((d) => ({ ...d, name }))} error={draftError('dayOff-name')} autoComplete="off" />
        <button type="button" className="button button--secondary" onClick={add}>
          {t('sla.addDayOff')}
        </button>
      </div>
    </fieldset>
  );
}
