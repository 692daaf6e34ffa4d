import { forwardRef, type ReactNode } from 'react';

/** An error or warning announced at once (role="alert"), with an icon and a word, not colour alone. */
export const ErrorMessage = forwardRef<HTMLDivElement, { children: ReactNode; title?: string }>(function ErrorMessage({ children, title }, ref) {
  return (
    <div ref={ref} className="alert alert--error" role="alert" tabIndex={-1}>
      <span className="alert__icon" aria-hidden="true">
        ⚠
      </span>
      <div>
        {title ? <p className="alert__title">{title}</p> : null}
        <div>{children}</div>
      </div>
    </div>
  );
});

/** News announced politely (role="status"): saved, loading, waiting. */
export const StatusMessage = forwardRef<HTMLDivElement, { children: ReactNode; tone?: 'info' | 'success' }>(function StatusMessage({ children, tone = 'info' }, ref) {
  return (
    <div ref={ref} className={`alert alert--${tone}`} role="status" tabIndex={-1}>
      <span className="alert__icon" aria-hidden="true">
        {tone === 'success' ? '✓' : 'ℹ'}
      </span>
      <div>{children}</div>
    </div>
  );
});

