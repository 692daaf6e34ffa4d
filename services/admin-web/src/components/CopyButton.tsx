import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * Copies a text to the clipboard and says so; where the clipboard is refused (no secure context, no
 * permission), selects the field `selectId` names when there is one, so Ctrl+C copies it, or else
 * says to copy by hand.
 */
export function CopyButton({ text, label, selectId }: { text: string; label: string; selectId?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed' | 'selected'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const field = selectId ? document.getElementById(selectId) : null;
      if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
        field.focus();
        field.select();
        setState('selected');
      } else setState('failed');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="button button--secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy__status" role="status">
        {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : state === 'selected' ? t('copy.selected') : ''}
      </span>
    </span>
  );
}
