import { FIELD_RULES } from '@pengaduan/sop';
import { useEffect, useRef, useState } from 'react';
import { appendMessageUrl } from '../../api/commands';
import type { CommandResult, ComplaintDetail } from '../../api/types';
import { StatusMessage } from '../../components/Alerts';
import { TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../lib/sop-labels';
import { checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';

const FORM = 'follow-up-message';

/** What `POST …/messages` answers: the command's result, the message stored and its place (1 is the report). */
interface MessageAppended extends CommandResult {
  readonly messageId: string;
  readonly sequence: number;
}

export interface FollowUpMessageProps {
  readonly detail: ComplaintDetail;
  /** A message was stored: the page reads the messages again. */
  readonly onSaved: () => void;
  /** The complaint moved on (closed meanwhile): the page reloads it. */
  readonly onConflict: () => void;
}

/**
 * Admin Tikkim adds what the reporter said on a later call or visit to an open complaint (libs/sop
 * `appendMessage`, offered in `availableActions`). Not a step of the SOP, so it sits with the
 * messages, not among the actions: a button, its form, and what was saved.
 */
export function FollowUpMessage({ detail, onSaved, onConflict }: FollowUpMessageProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (saved !== null) savedRef.current?.focus();
  }, [saved]);
  useEffect(() => {
    if (!returnFocus) return;
    openerRef.current?.focus();
    setReturnFocus(false);
  }, [returnFocus]);

  if (open) {
    return (
      <AppendMessageForm
        detail={detail}
        onAccepted={(result) => {
          setOpen(false);
          setSaved(result.sequence);
          onSaved();
        }}
        onCancel={() => {
          setOpen(false);
          setReturnFocus(true);
        }}
        onConflict={onConflict}
      />
    );
  }
  return (
    <div>
      {saved !== null ? (
        <StatusMessage ref={savedRef} tone="success">
          {t('messages.followUp.saved', { n: saved })}
        </StatusMessage>
      ) : null}
      <p>
        <button
          ref={openerRef}
          type="button"
          className="button button--secondary"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          {t('messages.followUp.title')}
        </button>
      </p>
    </div>
  );
}

/**
 * The message as the reporter said it, by the rule of the report's own text (FIELD_RULES.reporterText,
 * as on registration). Sent without If-Match: a message is taken in any open status, and one that
 * has closed meanwhile is refused (409) all the same.
 */
function AppendMessageForm({ detail, onAccepted, onCancel, onConflict }: { detail: ComplaintDetail; onAccepted: (result: MessageAppended) => void; onCancel: () => void; onConflict: () => void }) {
  const { t, lang, msg } = useI18n();
  const [text, setText] = useState('');
  const labels = { text: t('messages.followUp.text') };
  const command = useCommand<MessageAppended>(appendMessageUrl(detail.id), { knownFields: Object.keys(labels), onConflict });

  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'text', text, FIELD_RULES.reporterText.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ text: text.trim() });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm
      formId={FORM}
      title={t('messages.followUp.title')}
      submitLabel={t('messages.followUp.submit')}
      command={command}
      fieldLabels={labels}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <TextArea
        id={fieldId(FORM, 'text')}
        label={labels.text}
        hint={t('messages.followUp.hint', { channel: channelLabel(detail.channel, lang) })}
        required
        rows={6}
        maxLength={FIELD_RULES.reporterText.maxLength}
        showCount
        value={text}
        onValue={setText}
        error={command.errors['text'] ? msg(command.errors['text']) : undefined}
      />
    </CommandForm>
  );
}
