import { useEffect, useRef, type ReactNode } from 'react';
import { useRouter } from '../app/router';
import { useI18n } from '../i18n/i18n';

/**
 * The page's `<h1>`. After a navigation within the app it takes the focus, so a screen reader
 * reads where the officer arrived and the keyboard starts from there; it also names the tab.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { navigation } = useRouter();
  const { t } = useI18n();

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (navigation > 0) ref.current?.focus();
  }, [navigation]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
