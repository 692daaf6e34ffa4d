import { useEffect } from 'react';
import { useAuth } from '../../app/auth';
import { Link, useRouter } from '../../app/router';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import { GUIDE_SECTIONS, GUIDE_TITLES, isGuideSection, placesFor, type GuideSection } from '../../lib/guide';
import { roleLabel } from '../../lib/sop-labels';
import { GUIDE_CONTENT } from './guide-places';

/**
 * `/panduan`: what the officers do for the complainant's side and the law (issue 17), one section
 * each, in plain words, with links to the pages where the officer's role does that work and the
 * roles that do the rest (docs/adr/0064).
 */
export function GuidePage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const { navigation } = useRouter();

  // `/panduan#lapor` from a work page: that section's heading takes the focus, after the page's
  // heading took it on arrival, so the officer lands where the link promised.
  useEffect(() => {
    const section = window.location.hash.slice(1);
    if (isGuideSection(section)) document.getElementById(`${section}-title`)?.focus();
  }, [navigation]);

  return (
    <div className="page guide">
      <PageHeading title={t('guide.title')}>{t('guide.title')}</PageHeading>
      <p className="lead">{t('guide.lead')}</p>
      <nav className="guide__contents" aria-label={t('guide.contents')}>
        <ol>
          {GUIDE_SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(GUIDE_TITLES[s])}</a>
            </li>
          ))}
        </ol>
      </nav>
      {GUIDE_SECTIONS.map((s) => (
        <GuidePart key={s} section={s} role={session?.user.role ?? ''} />
      ))}
    </div>
  );
}

function GuidePart({ section, role }: { section: GuideSection; role: string }) {
  const { t, lang } = useI18n();
  const content = GUIDE_CONTENT[section];
  const { open, others } = placesFor(content.places, role);
  return (
    <section id={section} className="section guide__section" aria-labelledby={`${section}-title`}>
      <h2 id={`${section}-title`} tabIndex={-1}>
        {t(GUIDE_TITLES[section])}
      </h2>
      {content.paragraphs.map((p) => (
        <p key={p}>{t(p)}</p>
      ))}
      <h3>{t('guide.placesTitle')}</h3>
      {open.length > 0 ? (
        <ul>
          {open.map((p) => (
            <li key={p.label}>
              <Link to={p.to}>{t(p.label)}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('guide.noneForYou')}</p>
      )}
      {others.length > 0 ? (
        <>
          <p>{t('guide.byOthers')}</p>
          <ul>
            {others.map((p) => (
              <li key={p.label}>{t('guide.doneBy', { place: t(p.label), roles: p.roles.map((r) => roleLabel(r, lang)).join(', ') })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
