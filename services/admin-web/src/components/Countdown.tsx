import { useI18n } from '../i18n/i18n';
import { countdownText, urgencyOf, type DueClock } from '../lib/countdown';
import { formatWib } from '../lib/format';
import { Icon } from './Icon';

const ICONS = { ok: 'clock', warning: 'hourglass', overdue: 'warning' } as const;

/**
 * "sisa 3 j 12 mnt" / "terlambat 1 j 5 mnt": the text says it, the icon and colour repeat it
 * (red when overdue, amber in the last quarter), and the due time is read out with it.
 */
export function Countdown({ clock, now }: { clock: DueClock; now: number }) {
  const { t, lang } = useI18n();
  const urgency = urgencyOf(clock, now);
  return (
    <span className={`countdown countdown--${urgency}`} title={t('countdown.dueAt', { time: formatWib(clock.dueAt, lang) })}>
      <Icon name={ICONS[urgency]} />
      <span className="countdown__text">{countdownText(clock.dueAt, now, lang)}</span>
      {urgency === 'warning' ? <span className="countdown__flag">{t('countdown.nearlyDue')}</span> : null}
      <span className="sr-only">, {t('countdown.dueAt', { time: formatWib(clock.dueAt, lang) })}</span>
    </span>
  );
}
