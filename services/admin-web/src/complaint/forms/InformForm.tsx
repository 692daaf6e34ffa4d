import { FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult, ReplyWindow } from '../../api/types';
import { TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { formatWib } from '../../lib/format';
import { channelLabel } from '../../lib/sop-labels';
import { checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'inform';

/** SOP step 7: Admin Tikkim writes the follow-up information, sent over the channel the complaint came in by. */
export function InformForm({ detail, messages, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [text, setText] = useState('');
  const labels = { text: t('field.followUpText') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'informReporter'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });

  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'text', text, FIELD_RULES.followUpInformation.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ text: text.trim() });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.inform.title')} submitLabel={ACTION_LABELS.informReporter[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <ReplyWindowNote replyWindow={messages?.replyWindow ?? null} channel={detail.channel} />
      <TextArea
        id={fieldId(FORM, 'text')}
        label={labels.text}
        hint={t('form.inform.hint')}
        required
        rows={8}
        maxLength={FIELD_RULES.followUpInformation.maxLength}
        showCount
        value={text}
        onValue={setText}
        error={command.errors['text'] ? msg(command.errors['text']) : undefined}
      />
    </CommandForm>
  );
}

/** Whether a free reply can still go out (WhatsApp/Messenger: 24 h after the complainant's last message). */
export function ReplyWindowNote({ replyWindow, channel }: { replyWindow: ReplyWindow | null; channel: string }) {
  const { t, lang } = useI18n();
  if (!replyWindow) return <p className="callout">{t('replyWindow.unknown', { channel: channelLabel(channel, lang) })}</p>;
  const name = channelLabel(replyWindow.channel, lang);
  // The web form has no way back to the complainant of its own: notification uses the fallbacks.
  if (replyWindow.channel === 'WEB') return <p className="callout">{t('replyWindow.noReplyChannel', { channel: name })}</p>;
  if (replyWindow.closesAt === null) return <p className="callout">{t('replyWindow.none', { channel: name })}</p>;
  const open = replyWindow.open && Date.parse(replyWindow.closesAt) > Date.now();
  return open ? (
    <p className="callout callout--ok">
      <span aria-hidden="true">✓ </span>
      {t('replyWindow.open', { channel: name, time: formatWib(replyWindow.closesAt, lang) })}
    </p>
  ) : (
    <p className="callout callout--warning">
      <span aria-hidden="true">⚠ </span>
      {t('replyWindow.closed', { channel: name, time: formatWib(replyWindow.closesAt, lang) })}
    </p>
  );
}
