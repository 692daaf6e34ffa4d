import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { GUIDE_TITLES, guidePath, type GuideSection } from '../lib/guide';

/** "Panduan": the link from a work page to its section of the officers' guide (`/panduan#<section>`). */
export function GuideLink({ section }: { section: GuideSection }) {
  const { t } = useI18n();
  return (
    <Link to={guidePath(section)} className="guide-link">
      {t('guide.link')}
      <span className="sr-only">{`: ${t(GUIDE_TITLES[section])}`}</span>
    </Link>
  );
}
