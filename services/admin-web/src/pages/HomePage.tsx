import { ROUTES } from '../app/routes';
import { Link } from '../app/router';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/i18n';

export function HomePage() {
  const { t } = useI18n();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('home.title')}>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.lead')}</p>
      <ul className="card-links">
        <li>
          <Link to={ROUTES.report} className="card-link">
            <span className="card-link__title">{t('home.reportTitle')}</span>
            <span className="card-link__text">{t('home.reportText')}</span>
          </Link>
        </li>
        <li>
          <Link to={ROUTES.track} className="card-link">
            <span className="card-link__title">{t('home.trackTitle')}</span>
            <span className="card-link__text">{t('home.trackText')}</span>
          </Link>
        </li>
        <li>
          <Link to={ROUTES.login} className="card-link card-link--quiet">
            <span className="card-link__title">{t('home.loginTitle')}</span>
            <span className="card-link__text">{t('home.loginText')}</span>
          </Link>
        </li>
      </ul>
      <section aria-labelledby="home-how" className="section">
        <h2 id="home-how">{t('home.howTitle')}</h2>
        <ol className="plain-steps">
          <li>{t('home.how1')}</li>
          <li>{t('home.how2')}</li>
          <li>{t('home.how3')}</li>
          <li>{t('home.how4')}</li>
        </ol>
        <p>{t('home.privacy')}</p>
      </section>
    </div>
  );
}
