import { useAuth } from '../app/auth';
import { ROUTES } from '../app/routes';
import { Link } from '../app/router';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={session ? ROUTES.worklist : ROUTES.home}>{session ? t('nav.worklist') : t('nav.home')}</Link>
      </p>
    </div>
  );
}
