/** The languages of the web app: Bahasa Indonesia (the default) and English. */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'id';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Where the chosen language is remembered (localStorage: it is a preference, not a secret). */
export const LANG_STORAGE_KEY = 'pengaduan.lang';
