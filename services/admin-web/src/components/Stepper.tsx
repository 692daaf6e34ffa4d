import type { TrackingStep } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatWib } from '../lib/format';

const ICONS = { DONE: '✓', CURRENT: '●', PENDING: '○', SKIPPED: '–' } as const;

/** The SOP's steps of one complaint as an ordered list; each says its state in words, with its dates. */
export function Stepper({ steps }: { steps: readonly TrackingStep[] }) {
  const { t, lang } = useI18n();
  return (
    <ol className="stepper">
      {steps.map((s) => (
        <li key={`${s.stepId}-${s.number}`} className={`stepper__step stepper__step--${s.state.toLowerCase()}`} aria-current={s.state === 'CURRENT' ? 'step' : undefined}>
          <span className="stepper__marker" aria-hidden="true">
            {ICONS[s.state] ?? '○'}
          </span>
          <div className="stepper__body">
            <p className="stepper__title">
              <span className="stepper__number">{t('step.label', { n: s.number })}</span> {lang === 'id' ? s.nameId : s.nameEn}
            </p>
            <p className="stepper__state">{t(`tracking.state.${s.state}` as MessageKey)}</p>
            {s.startedAt || s.completedAt ? (
              <dl className="stepper__dates">
                {s.startedAt ? (
                  <div>
                    <dt>{t('tracking.startedAt')}</dt>
                    <dd>{formatWib(s.startedAt, lang)}</dd>
                  </div>
                ) : null}
                {s.completedAt ? (
                  <div>
                    <dt>{t('tracking.completedAt')}</dt>
                    <dd>{formatWib(s.completedAt, lang)}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
