import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { LANGS } from '../lib/lang';
import { roleLabel } from '../lib/sop-labels';
import { PROCESSING_RECORD_ROLES } from '../pages/ProcessingRecordPage';
import { administersAccounts } from '../lib/accounts';
import { queuesOf } from '../lib/work-queues';
import { useQueueCounts } from './use-queue-counts';
import { useAuth } from './auth';
import { homeOf, matchRoute, ROUTES, type RouteName } from './routes';
import { Link, useRouter } from './router';

/** The page frame: skip link, header with the menu, the language switch and the officer, the main region, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { session, logOut } = useAuth();
  const [loggingOut, setLoggingOut] = useState(false);
  const { location, navigate } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const current = matchRoute(location.pathname).name;
  const counts = useQueueCounts(location.pathname);

  // A phone's menu closes once the officer went somewhere.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const queueLinks = session ? queuesOf(session.user.role).map((q) => ({ route: q, label: t(`nav.${q}`), to: ROUTES[q], count: counts[q] })) : [];
  // The officers' guide (docs/adr/0064), last, for every signed-in officer.
  const guideLink = { route: 'guide' as const, label: t('nav.guide'), to: ROUTES.guide };
  const links: { route: RouteName; label: string; to: string; count?: number }[] = session
    ? // A platform operator sees no complaint: their queue only (docs/adr/0043).
      session.user.role === 'OPERATOR'
      ? [...queueLinks, guideLink]
      : [
          { route: 'worklist', label: t('nav.worklist'), to: ROUTES.worklist },
          ...queueLinks,
          { route: 'complaints', label: t('nav.complaints'), to: ROUTES.complaints },
          { route: 'dashboard', label: t('nav.dashboard'), to: ROUTES.dashboard },
          ...(administersAccounts(session.user) ? [{ route: 'accounts' as const, label: t('nav.accounts'), to: ROUTES.accounts }] : []),
          ...(PROCESSING_RECORD_ROLES.includes(session.user.role) ? [{ route: 'processingRecord' as const, label: t('nav.processingRecord'), to: ROUTES.processingRecord }] : []),
          guideLink,
        ]
    : [
        { route: 'home', label: t('nav.home'), to: ROUTES.home },
        { route: 'report', label: t('nav.report'), to: ROUTES.report },
        { route: 'track', label: t('nav.track'), to: ROUTES.track },
        { route: 'login', label: t('nav.login'), to: ROUTES.login },
      ];
  const isCurrent = (route: RouteName) =>
    current === route || (route === 'complaints' && current === 'complaint') || (route === 'accounts' && (current === 'adminSections' || current === 'adminLog' || current === 'adminTemplates' || current === 'adminProfile' || current === 'adminSla'));

  const logout = async () => {
    setLoggingOut(true);
    try {
      await logOut();
    } finally {
      setLoggingOut(false);
    }
    navigate(ROUTES.login);
  };

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={session ? homeOf(session.user.role) : ROUTES.home} className="brand">
            <span className="brand__mark" aria-hidden="true">
              ⚖
            </span>
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{session ? t('app.officerTagline', { office: session.user.officeCode }) : t('app.publicTagline')}</span>
            </span>
          </Link>
          <button type="button" className="menu-toggle button button--ghost" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((o) => !o)}>
            <span aria-hidden="true">☰ </span>
            {t('nav.menu')}
          </button>
          <div id="site-nav" className={`site-nav${menuOpen ? ' site-nav--open' : ''}`}>
            <nav aria-label={t('nav.label')}>
              <ul className="site-nav__links">
                {links.map((l) => (
                  <li key={l.route}>
                    <Link to={l.to} className="site-nav__link" aria-current={isCurrent(l.route) ? 'page' : undefined}>
                      {l.label}
                      {l.count ? (
                        <span className="nav-count" title={t('nav.queueCount', { n: l.count })}>
                          {l.count}
                        </span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="site-nav__tools">
              <div className="lang-switch" role="group" aria-label={t('lang.switchLabel')}>
                {LANGS.map((l) => (
                  <button key={l} type="button" lang={l} className="lang-switch__button" aria-pressed={lang === l} onClick={() => setLang(l)}>
                    {t(`lang.${l}`)}
                  </button>
                ))}
              </div>
              {session ? (
                <div className="officer">
                  <span className="officer__name">
                    {session.user.displayName}
                    <span className="officer__role">
                      {roleLabel(session.user.role, lang)}
                      {session.user.sectionCode ? ` · ${session.user.sectionCode}` : ''}
                    </span>
                  </span>
                  <Link to={ROUTES.changePassword} className="site-nav__link" aria-current={current === 'changePassword' ? 'page' : undefined}>
                    {t('nav.password')}
                  </Link>
                  <Link to={ROUTES.secondFactor} className="site-nav__link" aria-current={current === 'secondFactor' ? 'page' : undefined}>
                    {t('nav.secondFactor')}
                  </Link>
                  <button type="button" className="button button--ghost" disabled={loggingOut} aria-busy={loggingOut || undefined} onClick={() => void logout()}>
                    {t('nav.logout')}
                  </button>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
