import { ERROR_CATALOGUE, type ErrorCatalogueEntry, type ErrorCode } from '@pengaduan/contracts/error-catalogue';
import type { Lang } from '../lib/lang';
import { MESSAGES, type MessageKey } from './messages';

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message to show later, in whatever language is current then (validation results carry these). */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** The message of an error code the server answered with, from the error catalogue (docs/errors.md), shown like a {@link Msg}. */
export interface ErrorMsg {
  readonly error: ErrorCode;
}

/** Where the catalogue keeps each language's message. */
const CATALOGUE_MESSAGE = { id: 'messageId', en: 'messageEn' } as const satisfies Record<Lang, keyof ErrorCatalogueEntry>;

/** The message in `lang` with its `{name}` placeholders filled; an unknown placeholder is left as it is. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template: string = MESSAGES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

export function translateMsg(lang: Lang, msg: Msg | ErrorMsg): string {
  return 'error' in msg ? ERROR_CATALOGUE[msg.error][CATALOGUE_MESSAGE[lang]] : translate(lang, msg.key, msg.params);
}
