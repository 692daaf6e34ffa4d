import type { Label } from '@pengaduan/sop';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LANG, isLang, LANG_STORAGE_KEY, type Lang } from '../lib/lang';
import type { MessageKey } from './messages';
import { translate, translateMsg, type ErrorMsg, type MessageParams, type Msg } from './translate';

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** A libs/sop label in the current language. */
  label(label: Label | undefined, fallback?: string): string;
  /** The app's message, or the error catalogue's for a code the server answered with. */
  msg(msg: Msg | ErrorMsg): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // A browser that refuses storage still switches, for this visit.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      label: (l, fallback) => (l ? l[lang] : (fallback ?? '—')),
      msg: (m) => translateMsg(lang, m),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
