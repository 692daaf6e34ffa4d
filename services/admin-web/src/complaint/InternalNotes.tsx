import { FIELD_RULES } from '@pengaduan/sop';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { InternalNote, InternalNotes as Notes } from '../api/types';
import { useAuth } from '../app/auth';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { TextArea } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { roleLabel } from '../lib/sop-labels';
import { checkText, type FieldErrors } from '../lib/validation';
import { useCommand } from './use-command';

/** Who reads the notes but writes none (the gateway's NOTE_READ_ONLY). */
const READ_ONLY_ROLE = 'AUDITOR';

/**
 * The office's internal notes on the complaint (docs/adr/0046), each with who and when: seen by
 * the office's officers only, never by the complainant. A note with the complainant's contact is
 * refused by the gateway, naming the field.
 */
export function InternalNotesPanel({ complaintId }: { complaintId: string }) {
  const { t, lang, msg } = useI18n();
  const { api, session } = useAuth();
  const [notes, setNotes] = useState<readonly InternalNote[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const path = `/api/v1/complaints/${encodeURIComponent(complaintId)}/notes`;
  const command = useCommand<InternalNote>(path, { knownFields: ['text'] });

  const load = useCallback(async () => {
    try {
      setNotes((await api.get<Notes>(path)).items);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [api, path]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const found: FieldErrors = {};
    checkText(found, 'text', text, FIELD_RULES.internalNote.maxLength);
    if (!command.check(found)) return;
    const note = await command.submit({ text: text.trim() });
    if (!note) return;
    setText('');
    setSaved(true);
    setNotes((current) => [...(current ?? []), note]);
  };

  return (
    <section className="section" aria-labelledby="complaint-notes">
      <h2 id="complaint-notes">{t('notes.title')}</h2>
      <p className="muted">{t('notes.lead')}</p>
      {failed ? <ErrorMessage>{t('error.unavailable')}</ErrorMessage> : null}
      {notes && notes.length === 0 ? <p>{t('notes.empty')}</p> : null}
      {notes && notes.length > 0 ? (
        <ul className="item-list" aria-label={t('notes.title')}>
          {notes.map((n) => (
            <li key={n.id} className="item">
              <p className="item__summary">{n.text}</p>
              <p className="muted">
                {t('notes.by', { name: n.author.displayName, role: roleLabel(n.author.role, lang), at: formatWib(n.at, lang) })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {session?.user.role !== READ_ONLY_ROLE ? (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          {command.problem ? <ErrorMessage>{msg(command.problem)}</ErrorMessage> : null}
          <TextArea
            id="internal-note-text"
            label={t('notes.text')}
            required
            hint={t('notes.hint')}
            value={text}
            onValue={setText}
            maxLength={FIELD_RULES.internalNote.maxLength}
            rows={3}
            error={command.errors['text'] ? msg(command.errors['text']) : undefined}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={command.sending}>
              {t('notes.submit')}
            </button>
            {saved ? <StatusMessage tone="success">{t('notes.saved')}</StatusMessage> : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
