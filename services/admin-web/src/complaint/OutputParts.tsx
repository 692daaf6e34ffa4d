import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';

/** One step's output on the complaint page: its title, when it was recorded, its facts. */
export function Output({ title, at, children }: { title: string; at: string; children: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <article className="output">
      <h3 className="output__title">{title}</h3>
      <p className="output__at">{t('outputs.recordedAt', { time: formatWib(at, lang) })}</p>
      <dl className="facts">{children}</dl>
    </article>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
