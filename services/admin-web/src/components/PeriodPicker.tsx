import { useI18n } from '../i18n/i18n';
import { formatWibDate } from '../lib/format';
import { DASHBOARD_PERIODS, isDashboardPeriod, type DashboardPeriod, type PeriodRange } from '../lib/periods';
import { RadioGroup } from './fields';

/** The last 7, 30 or 90 days, with the WIB dates they cover (the dashboard, the processing record). */
export function PeriodPicker({ id, days, range, onDays }: { id: string; days: DashboardPeriod; range: PeriodRange; onDays: (days: DashboardPeriod) => void }) {
  const { t, lang } = useI18n();
  return (
    <form className="period-picker" onSubmit={(e) => e.preventDefault()}>
      <RadioGroup
        id={id}
        label={t('dashboard.period')}
        value={String(days)}
        onValue={(v) => {
          const n = Number(v);
          if (isDashboardPeriod(n)) onDays(n);
        }}
        options={DASHBOARD_PERIODS.map((p) => ({ value: String(p), label: t('dashboard.lastDays', { n: p }) }))}
      />
      <p className="muted" role="status">
        {t('dashboard.range', { from: formatWibDate(range.from, lang), to: formatWibDate(Date.parse(range.to) - 1, lang) })}
      </p>
    </form>
  );
}
