import type { Lang } from '../lib/lang';
import { MESSAGES, type MessageKey } from './messages';

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message to show later, in whatever language is current then (validation results carry these). */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** The message in `lang` with its `{name}` placeholders filled; an unknown placeholder is left as it is. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template: string = MESSAGES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

export function translateMsg(lang: Lang, msg: Msg): string {
  return translate(lang, msg.key, msg.params);
}
