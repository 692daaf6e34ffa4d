import { DISMISSAL_REASON_LABELS } from './labels';
import { MESSAGE_CHANNELS, type MessageChannel, type NotificationPurpose } from './reference-data';

/*
 * The messages to the reporter as texts with named placeholders (docs/adr/0050): the one
 * renderer, and the one check of a text an office words, for notification (which keeps the
 * offices' texts and sends them) and the web app (which previews them as they are typed).
 */

/**
 * A purpose's variants: the acknowledgement also comes with the tracking PIN, for a reporter
 * who left neither phone nor e-mail (docs/adr/0041); every other message has one.
 */
export const MESSAGE_TEMPLATE_VARIANTS = ['STANDARD', 'TRACKING_PIN'] as const;

/** See {@link MESSAGE_TEMPLATE_VARIANTS}. */
export type MessageTemplateVariant = (typeof MESSAGE_TEMPLATE_VARIANTS)[number];

/**
 * What a text may name, written `{nomor}`: the tracking number, the tracking PIN, the follow-up
 * information as the officer wrote it, and the reason a message was dismissed (its label).
 */
export const MESSAGE_PLACEHOLDERS = ['nomor', 'pin', 'informasi', 'alasan'] as const;

/** See {@link MESSAGE_PLACEHOLDERS}. */
export type MessagePlaceholder = (typeof MESSAGE_PLACEHOLDERS)[number];

/** The values a text is rendered with. */
export type MessageValues = Partial<Record<MessagePlaceholder, string>>;

/** One message an office words, for each of {@link MESSAGE_CHANNELS}: a purpose in one variant, with the placeholders it must and may name. */
export interface MessageTemplateKind {
  readonly purpose: NotificationPurpose;
  readonly variant: MessageTemplateVariant;
  readonly required: readonly MessagePlaceholder[];
  readonly optional: readonly MessagePlaceholder[];
}

/**
 * Every message an office words. `{nomor}` in each (the reporter follows the complaint by it);
 * `{pin}` in the acknowledgement with the tracking PIN and nowhere else (the PIN is issued for
 * that one message); `{informasi}` in the follow-up information and the dismissal notice (what
 * the officer wrote is the message).
 */
export const MESSAGE_TEMPLATE_KINDS: readonly MessageTemplateKind[] = [
  { purpose: 'ACKNOWLEDGEMENT', variant: 'STANDARD', required: ['nomor'], optional: [] },
  { purpose: 'ACKNOWLEDGEMENT', variant: 'TRACKING_PIN', required: ['nomor', 'pin'], optional: [] },
  { purpose: 'FOLLOW_UP_INFORMATION', variant: 'STANDARD', required: ['nomor', 'informasi'], optional: [] },
  { purpose: 'DISMISSAL_NOTICE', variant: 'STANDARD', required: ['nomor', 'informasi'], optional: ['alasan'] },
  // The status messages (docs/adr/0054): the tracking number only, nothing about the complaint's content.
  { purpose: 'STATUS_CONFIRMED', variant: 'STANDARD', required: ['nomor'], optional: [] },
  { purpose: 'STATUS_DISPOSED', variant: 'STANDARD', required: ['nomor'], optional: [] },
  { purpose: 'STATUS_DECIDED', variant: 'STANDARD', required: ['nomor'], optional: [] },
  // The rating request after a closing (docs/adr/0053): the tracking number only.
  { purpose: 'RATING_REQUEST', variant: 'STANDARD', required: ['nomor'], optional: [] },
];

/** The kind of a purpose and variant, or undefined when the purpose has no such variant (or either is unknown). */
export function messageTemplateKind(purpose: string, variant: string): MessageTemplateKind | undefined {
  return MESSAGE_TEMPLATE_KINDS.find((k) => k.purpose === purpose && k.variant === variant);
}

/** The placeholders a kind's text may name, the required first. */
export function allowedPlaceholders(kind: MessageTemplateKind): readonly MessagePlaceholder[] {
  return [...kind.required, ...kind.optional];
}

/** `{name}`: a brace, up to 40 characters without braces or a line break, a brace. */
const PLACEHOLDER = /\{([^{}\n]{0,40})\}/g;

function isPlaceholder(name: string): name is MessagePlaceholder {
  return (MESSAGE_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * The text the reporter reads: each `{name}` replaced by its value, left to right, in one pass
 * (a value is never searched for placeholders: an officer's information with braces in it stays
 * as written). A placeholder without a value, or unknown, becomes nothing.
 */
export function renderMessageTemplate(body: string, values: MessageValues): string {
  return body.replace(PLACEHOLDER, (_whole, name: string) => (isPlaceholder(name) ? (values[name] ?? '') : ''));
}

/**
 * How long a channel's message may be. SMS by segments: 3 concatenated segments (459 GSM-7
 * characters, 201 when one character needs UCS-2), which the built-in acknowledgement with its
 * PIN needs and which every Indonesian operator delivers as one message; each segment is billed.
 * The others by characters: the providers' own limits (WhatsApp and Telegram 4,096, Messenger
 * 2,000, Instagram 1,000), e-mail 10,000 (a plain-text message of one screen or a few).
 */
export type MessageLimit = { readonly unit: 'segments'; readonly max: number } | { readonly unit: 'characters'; readonly max: number };

export const MESSAGE_LIMITS: Readonly<Record<MessageChannel, MessageLimit>> = {
  SMS: { unit: 'segments', max: 3 },
  WHATSAPP: { unit: 'characters', max: 4_096 },
  TELEGRAM: { unit: 'characters', max: 4_096 },
  FACEBOOK: { unit: 'characters', max: 2_000 },
  INSTAGRAM: { unit: 'characters', max: 1_000 },
  EMAIL: { unit: 'characters', max: 10_000 },
};

/**
 * The longest value each placeholder takes, for the length limits: a tracking number of a
 * six-letter office with seven digits, the eight-digit PIN, the longest reason's label. The
 * follow-up information counts as nothing: it is the officer's text, with its own limit
 * (FIELD_RULES.followUpInformation), and a provider splits a longer message as it must.
 */
export const LONGEST_MESSAGE_VALUES: Readonly<Record<MessagePlaceholder, string>> = {
  nomor: 'XXXXXX-2026-0000000',
  pin: '00000000',
  informasi: '',
  alasan: Object.values(DISMISSAL_REASON_LABELS).reduce((a, b) => (b.id.length > a.length ? b.id : a), ''),
};

/** Values to preview a text with (the web app's preview). */
export const SAMPLE_MESSAGE_VALUES: Readonly<Record<MessagePlaceholder, string>> = {
  nomor: 'BLP-2026-000123',
  pin: '04715932',
  informasi: 'Petugas loket telah diperiksa dan diberi pembinaan. Terima kasih atas laporan Anda.',
  alasan: DISMISSAL_REASON_LABELS.NOT_OUR_AUTHORITY.id,
};

// 3GPP TS 23.038: the GSM-7 default alphabet (one septet each) and its extension table (two).
const GSM7_BASIC = new Set([..."@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"]);
const GSM7_EXTENSION = new Set([...'\f^{}\\[~]|€']);

/** How a text goes out as SMS: its encoding, its length in that encoding's units, and the segments it takes. */
export interface SmsLength {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7, an extension character counts two) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
  /** Units per segment once the message is split (153 or 67; 160 or 70 for a single one). */
  readonly perSegment: number;
}

/** The SMS length of a text: GSM-7 when every character is in its alphabet, else UCS-2. */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const c of text) {
    if (GSM7_BASIC.has(c)) septets += 1;
    else if (GSM7_EXTENSION.has(c)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const [encoding, units, single, multi] = gsm ? (['GSM-7', septets, 160, 153] as const) : (['UCS-2', text.length, 70, 67] as const);
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return { encoding, units, segments, perSegment: segments <= 1 ? single : multi };
}

/** What is wrong with a text an office words; `describeMessageTemplateIssue` says it in English. */
export type MessageTemplateIssue =
  | { readonly rule: 'REQUIRED' }
  | { readonly rule: 'MISSING_PLACEHOLDER'; readonly placeholder: MessagePlaceholder }
  | { readonly rule: 'UNKNOWN_PLACEHOLDER'; readonly placeholder: string }
  | { readonly rule: 'STRAY_BRACE' }
  | { readonly rule: 'CONTROL_CHARACTER' }
  | { readonly rule: 'TOO_LONG'; readonly unit: 'characters' | 'segments'; readonly max: number; readonly actual: number }
  | { readonly rule: 'CONTACT'; readonly contact: 'phone' | 'email' };

/**
 * A control character but the line break; a bidirectional override or isolate, which makes a
 * text read otherwise than it is stored; or a lone surrogate (no character at all).
 */
function isControl(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return (n < 0x20 && n !== 0x0a) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069) || (n >= 0xd800 && n <= 0xdfff);
}
/** An e-mail address, as one word (the text is split at spaces and punctuation first: no backtracking over a long text). */
const EMAIL = /^[^@]+@[^@]+\.[A-Za-z]{2,}$/;
const DIGIT_RUN = /\+?\d[\d\s().-]*\d/g;
/** A run of nine digits or more is a phone number (the shortest Indonesian landline with its area code has nine); a time range such as `08.00-16.00` has eight. */
const PHONE_DIGITS = 9;

/**
 * What is wrong with `body` as the office's text of `kind` on `channel`, in the order a reader
 * fixes it; none when it may be used. The text is sent to every reporter of the office, so it
 * must name no phone number and no e-mail address: a contact of a person does not belong in a
 * standard text, and the office's own is the office profile's.
 */
export function checkMessageTemplate(kind: MessageTemplateKind, channel: MessageChannel, body: string): MessageTemplateIssue[] {
  if (body.trim() === '') return [{ rule: 'REQUIRED' }];
  // Far too long for any channel: said at once, before the text is looked into.
  const longest = Math.max(...Object.values(MESSAGE_LIMITS).map((l) => l.max));
  if (body.length > 2 * longest) return [{ rule: 'TOO_LONG', ...messageLength(channel, body) }];
  const issues: MessageTemplateIssue[] = [];
  if ([...body].some(isControl)) issues.push({ rule: 'CONTROL_CHARACTER' });
  const allowed = allowedPlaceholders(kind);
  const named = new Set<string>();
  for (const [, name] of body.matchAll(PLACEHOLDER)) named.add(name);
  for (const name of named) if (!(allowed as readonly string[]).includes(name)) issues.push({ rule: 'UNKNOWN_PLACEHOLDER', placeholder: name });
  for (const name of kind.required) if (!named.has(name)) issues.push({ rule: 'MISSING_PLACEHOLDER', placeholder: name });
  if (/[{}]/.test(body.replace(PLACEHOLDER, ''))) issues.push({ rule: 'STRAY_BRACE' });
  const contact = contactIn(body.replace(PLACEHOLDER, ' '));
  if (contact) issues.push({ rule: 'CONTACT', contact });
  const length = messageLength(channel, renderMessageTemplate(body, LONGEST_MESSAGE_VALUES));
  if (length.actual > length.max) issues.push({ rule: 'TOO_LONG', ...length });
  return issues;
}

/** A text's length against its channel's limit (segments for SMS, characters otherwise). */
export function messageLength(channel: MessageChannel, text: string): { unit: 'characters' | 'segments'; max: number; actual: number } {
  const limit = MESSAGE_LIMITS[channel];
  return { unit: limit.unit, max: limit.max, actual: limit.unit === 'segments' ? smsLength(text).segments : [...text].length };
}

function contactIn(text: string): 'phone' | 'email' | undefined {
  for (const word of text.split(/[\s<>(),;:"'[\]]+/)) if (word.includes('@') && EMAIL.test(word.replace(/[.!?]+$/, ''))) return 'email';
  for (const run of text.match(DIGIT_RUN) ?? []) if (run.replace(/\D/g, '').length >= PHONE_DIGITS) return 'phone';
  return undefined;
}

/** An issue in English, for the API's field violation. */
export function describeMessageTemplateIssue(issue: MessageTemplateIssue): string {
  switch (issue.rule) {
    case 'REQUIRED':
      return 'required: the text the reporter reads';
    case 'MISSING_PLACEHOLDER':
      return `must name {${issue.placeholder}}`;
    case 'UNKNOWN_PLACEHOLDER':
      return `names {${issue.placeholder}}, which this message does not have`;
    case 'STRAY_BRACE':
      return 'has a brace that is not part of a placeholder such as {nomor}';
    case 'CONTROL_CHARACTER':
      return 'must have no control characters other than line breaks';
    case 'TOO_LONG':
      return `at most ${issue.max} ${issue.unit === 'segments' ? 'SMS segments' : 'characters'} with the longest values (it takes ${issue.actual})`;
    case 'CONTACT':
      return `must not contain ${issue.contact === 'phone' ? 'a phone number' : 'an e-mail address'}`;
  }
}

/** A change of an office's text as a request names it, unchecked: libs/sop's names (or anything else). */
export interface MessageTemplateRequest {
  readonly purpose: string;
  readonly variant: string;
  readonly channel: string;
  /** The new text; `null` for a reset to the built-in text. */
  readonly body: string | null;
}

/** A field of a request and what is wrong with it, in English. */
export interface MessageTemplateViolation {
  readonly field: 'purpose' | 'variant' | 'channel' | 'body';
  readonly description: string;
}

/**
 * The one check of a change of an office's text, for every place that takes one (the gateway
 * before it forwards, notification before it records): the purpose, its variant, the channel
 * and the text ({@link checkMessageTemplate}). The kind and channel when nothing is wrong.
 */
export function checkMessageTemplateRequest(
  request: MessageTemplateRequest,
): { readonly kind: MessageTemplateKind; readonly channel: MessageChannel; readonly violations: readonly [] } | { readonly violations: readonly MessageTemplateViolation[] } {
  const violations: MessageTemplateViolation[] = [];
  const purposeKnown = MESSAGE_TEMPLATE_KINDS.some((k) => k.purpose === request.purpose);
  if (!purposeKnown) violations.push({ field: 'purpose', description: `must be one of ${[...new Set(MESSAGE_TEMPLATE_KINDS.map((k) => k.purpose))].join(', ')}` });
  const kind = messageTemplateKind(request.purpose, request.variant);
  if (purposeKnown && !kind) violations.push({ field: 'variant', description: `${request.purpose} has no variant ${request.variant}` });
  const channel = MESSAGE_CHANNELS.find((c) => c === request.channel);
  if (!channel) violations.push({ field: 'channel', description: `must be one of ${MESSAGE_CHANNELS.join(', ')}` });
  if (kind && channel && request.body !== null) {
    for (const issue of checkMessageTemplate(kind, channel, request.body)) violations.push({ field: 'body', description: describeMessageTemplateIssue(issue) });
  }
  return kind && channel && violations.length === 0 ? { kind, channel, violations: [] } : { violations };
}
