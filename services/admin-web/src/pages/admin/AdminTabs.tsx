import { ROUTES, type RouteName } from '../../app/routes';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/i18n';

const TABS: readonly { route: RouteName; key: 'admin.tabOfficers' | 'admin.tabSections' | 'admin.tabLog' | 'admin.tabTemplates' | 'admin.tabProfile' | 'admin.tabSla' }[] = [
  { route: 'accounts', key: 'admin.tabOfficers' },
  { route: 'adminSections', key: 'admin.tabSections' },
  { route: 'adminTemplates', key: 'admin.tabTemplates' },
  { route: 'adminProfile', key: 'admin.tabProfile' },
  { route: 'adminSla', key: 'admin.tabSla' },
  { route: 'adminLog', key: 'admin.tabLog' },
];

/** The office administration's pages (officers, sections, the log), the current one marked. */
export function AdminTabs({ current }: { current: RouteName }) {
  const { t } = useI18n();
  return (
    <nav className="toolbar admin-tabs" aria-label={t('admin.navLabel')}>
      {TABS.map((tab) => (
        <Link key={tab.route} to={ROUTES[tab.route]} className={`button ${tab.route === current ? '' : 'button--ghost'}`} aria-current={tab.route === current ? 'page' : undefined}>
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
