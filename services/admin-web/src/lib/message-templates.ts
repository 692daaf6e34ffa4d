// The office's texts of the messages to reporters (docs/adr/0050), as the gateway lists them, and
// what the editor says about a text: libs/sop's own check and renderer, so that the preview and
// the refusals are the ones notification applies.
import { checkMessageTemplate, MESSAGE_CHANNELS, messageTemplateKind, renderMessageTemplate, SAMPLE_MESSAGE_VALUES, smsLength, MESSAGE_LIMITS, type MessageChannel, type MessageTemplateIssue } from '@pengaduan/sop';
import type { MessageKey } from '../i18n/messages';
import type { Msg } from '../i18n/translate';

/** One text as `GET /api/v1/message-templates` lists it. */
export interface MessageTemplate {
  readonly purpose: string;
  readonly variant: string;
  readonly channel: string;
  readonly body: string;
  readonly builtIn: boolean;
  readonly version: number;
  readonly requiredPlaceholders: readonly string[];
  readonly optionalPlaceholders: readonly string[];
  readonly builtInBody: string;
  readonly changedAt?: string;
}

export interface MessageTemplateList {
  readonly items: readonly MessageTemplate[];
}

/** `/api/v1/message-templates/{purpose}/{channel}`, and its `/reset`. */
export function messageTemplatePath(t: Pick<MessageTemplate, 'purpose' | 'channel'>, reset = false): string {
  return `/api/v1/message-templates/${encodeURIComponent(t.purpose)}/${encodeURIComponent(t.channel)}${reset ? '/reset' : ''}`;
}

/** The name of a text's message (purpose and variant) in the app's words. */
export function templateKindKey(t: Pick<MessageTemplate, 'purpose' | 'variant'>): MessageKey | undefined {
  const key = `templates.kind.${t.purpose}.${t.variant}`;
  return KIND_KEYS.includes(key as MessageKey) ? (key as MessageKey) : undefined;
}

const KIND_KEYS: readonly string[] = [
  'templates.kind.ACKNOWLEDGEMENT.STANDARD',
  'templates.kind.ACKNOWLEDGEMENT.TRACKING_PIN',
  'templates.kind.FOLLOW_UP_INFORMATION.STANDARD',
  'templates.kind.DISMISSAL_NOTICE.STANDARD',
  'templates.kind.STATUS_CONFIRMED.STANDARD',
  'templates.kind.STATUS_DISPOSED.STANDARD',
  'templates.kind.STATUS_DECIDED.STANDARD',
  'templates.kind.RATING_REQUEST.STANDARD',
] satisfies MessageKey[];

function isMessageChannel(channel: string): channel is MessageChannel {
  return (MESSAGE_CHANNELS as readonly string[]).includes(channel);
}

/** What is wrong with a draft, as the page says it (the same rules notification refuses by). */
export function draftIssues(t: Pick<MessageTemplate, 'purpose' | 'variant' | 'channel'>, body: string): Msg[] {
  const kind = messageTemplateKind(t.purpose, t.variant);
  if (!kind || !isMessageChannel(t.channel)) return [];
  return checkMessageTemplate(kind, t.channel, body).map(issueMsg);
}

function issueMsg(issue: MessageTemplateIssue): Msg {
  switch (issue.rule) {
    case 'MISSING_PLACEHOLDER':
    case 'UNKNOWN_PLACEHOLDER':
      return { key: `templates.issue.${issue.rule}`, params: { placeholder: `{${issue.placeholder}}` } };
    case 'TOO_LONG':
      return { key: issue.unit === 'segments' ? 'templates.issue.TOO_LONG_SEGMENTS' : 'templates.issue.TOO_LONG_CHARACTERS', params: { actual: issue.actual, max: issue.max } };
    case 'CONTACT':
      return { key: issue.contact === 'phone' ? 'templates.issue.CONTACT_PHONE' : 'templates.issue.CONTACT_EMAIL' };
    default:
      return { key: `templates.issue.${issue.rule}` };
  }
}

/** The draft as a reporter would read it, with sample values, and how long it is on its channel. */
export function preview(t: Pick<MessageTemplate, 'channel'>, body: string): { text: string; length: Msg; ucs2: boolean } {
  const text = renderMessageTemplate(body, SAMPLE_MESSAGE_VALUES);
  if (t.channel === 'SMS') {
    const sms = smsLength(text);
    return { text, length: { key: 'templates.smsLength', params: { units: sms.units, encoding: sms.encoding, segments: sms.segments, max: MESSAGE_LIMITS.SMS.max } }, ucs2: sms.encoding === 'UCS-2' };
  }
  const max = isMessageChannel(t.channel) ? MESSAGE_LIMITS[t.channel].max : 0;
  return { text, length: { key: 'templates.charLength', params: { count: [...text].length, max } }, ucs2: false };
}
