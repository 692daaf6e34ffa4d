import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, queryString } from '../api/client';
import { offeredActions } from '../api/commands';
import type { ComplaintRegistered, Worklist } from '../api/types';
import { useAuth } from '../app/auth';
import { complaintPath } from '../app/routes';
import { Link } from '../app/router';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { Countdown } from '../components/Countdown';
import { PageHeading } from '../components/PageHeading';
import { RegisterComplaintForm } from '../complaint/RegisterComplaintForm';
import { useI18n } from '../i18n/i18n';
import { ACTION_LABELS } from '../i18n/messages';
import { backoffDelay } from '../lib/catch-up';
import { mostUrgentClock, sortByUrgency } from '../lib/countdown';
import { formatWib } from '../lib/format';
import { LOADING, type Loadable } from '../lib/loadable';
import { channelLabel, statusLabel, stepShortName } from '../lib/sop-labels';
import { useNow } from '../lib/use-now';

/** The worklist is read again this often while open (the countdowns tick on their own). */
const REFRESH_EVERY_MS = 120_000;

/** The views of the worklist by who is on a complaint (`?assigned=`, docs/adr/0046); `all` sends none. */
const FILTERS = ['all', 'me', 'unassigned', 'others'] as const;
type Filter = (typeof FILTERS)[number];

/** `/daftar-tugas`: what waits for this officer, most urgent first. */
export function WorklistPage({ canRegister }: { canRegister: boolean }) {
  const { t, lang } = useI18n();
  const { api, session } = useAuth();
  const now = useNow();
  const [worklist, setWorklist] = useState<Loadable<Worklist>>(LOADING);
  const [registering, setRegistering] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [registered, setRegistered] = useState<ComplaintRegistered | null>(null);
  const registerButton = useRef<HTMLButtonElement>(null);
  const registeredRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (): Promise<Worklist | null> => {
    try {
      const value = await api.get<Worklist>(`/api/v1/worklist${queryString({ assigned: filter === 'all' ? undefined : filter })}`);
      setWorklist({ state: 'ok', value });
      return value;
    } catch (err) {
      setWorklist((current) => (current.state === 'ok' ? current : { state: 'error', status: err instanceof ApiError ? err.status : 0 }));
      return null;
    }
  }, [api, filter]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (registered) registeredRef.current?.focus();
  }, [registered]);

  const onRegistered = async (r: ComplaintRegistered) => {
    setRegistering(false);
    setRegistered(r);
    // The new complaint reaches the worklist within moments.
    for (let attempt = 0; attempt < 6; attempt++) {
      const value = await load();
      if (value?.items.some((i) => i.id === r.id)) return;
      await new Promise((resolve) => window.setTimeout(resolve, backoffDelay(attempt, 300, 2_000)));
    }
  };

  const items = worklist.state === 'ok' ? sortByUrgency(worklist.value.items) : [];
  return (
    <div className="page">
      <PageHeading title={t('worklist.title')}>{t('worklist.title')}</PageHeading>
      <p className="lead">{session ? t('worklist.lead', { name: session.user.displayName }) : null}</p>
      <div className="toolbar">
        {canRegister && !registering ? (
          <button type="button" ref={registerButton} className="button" onClick={() => setRegistering(true)}>
            {t('worklist.register')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
      </div>
      {registered ? (
        <StatusMessage ref={registeredRef} tone="success">
          <p>{t('worklist.registered', { number: registered.trackingNumber })}</p>
          <p>
            <Link to={complaintPath(registered.id)}>{t('worklist.openRegistered', { number: registered.trackingNumber })}</Link>
          </p>
        </StatusMessage>
      ) : null}
      {registering ? (
        <RegisterComplaintForm
          onRegistered={(r) => void onRegistered(r)}
          onCancel={() => {
            setRegistering(false);
            window.setTimeout(() => registerButton.current?.focus(), 0);
          }}
        />
      ) : null}
      <div className="toolbar" role="group" aria-label={t('worklist.filterLabel')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`button ${filter === f ? '' : 'button--ghost'}`} aria-pressed={filter === f} onClick={() => {
              // The list of the other view is not shown under this one while it loads.
              if (f !== filter) setWorklist(LOADING);
              setFilter(f);
            }}>
            {t(`worklist.filter.${f}`)}
          </button>
        ))}
      </div>
      {worklist.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {worklist.state === 'error' ? (
        <ErrorMessage>
          <p>{worklist.status === 0 ? t('error.network') : t('error.unavailable')}</p>
        </ErrorMessage>
      ) : null}
      {worklist.state === 'ok' && items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{filter === 'all' ? t('worklist.emptyTitle') : t('worklist.emptyFiltered')}</p>
          {filter === 'all' ? <p>{t('worklist.emptyText')}</p> : null}
        </div>
      ) : null}
      {items.length > 0 ? (
        <>
          <p className="muted" aria-live="polite">
            {t('worklist.count', { n: items.length })}
          </p>
          <ul className="item-list" aria-label={t('worklist.listLabel')}>
            {items.map((item) => {
              const clock = mostUrgentClock(item);
              const actions = offeredActions(item.actions);
              return (
                <li key={item.id} className="item">
                  <div className="item__head">
                    <h2 className="item__title">
                      <Link to={complaintPath(item.id)}>{item.trackingNumber}</Link>
                    </h2>
                    <span className="badge badge--status">{statusLabel(item.status, lang)}</span>
                    {clock ? <Countdown clock={clock} now={now} /> : null}
                  </div>
                  {item.summary ? <p className="item__summary">{item.summary}</p> : <p className="item__summary muted">{t('worklist.noSummary')}</p>}
                  <dl className="item__facts">
                    <div>
                      <dt>{t('complaint.channel')}</dt>
                      <dd>{channelLabel(item.channel, lang)}</dd>
                    </div>
                    <div>
                      <dt>{t('complaint.receivedAt')}</dt>
                      <dd>{formatWib(item.receivedAt, lang)}</dd>
                    </div>
                    {clock ? (
                      <div>
                        <dt>{t('worklist.clock')}</dt>
                        <dd>
                          {stepShortName(clock.stepId, lang)}
                          {clock.sectionCode ? ` · ${clock.sectionCode}` : ''}
                        </dd>
                      </div>
                    ) : null}
                    {item.assignee ? (
                      <div>
                        <dt>{t('worklist.assignee')}</dt>
                        <dd>{item.assignee.displayName}</dd>
                      </div>
                    ) : null}
                    {actions.length > 0 ? (
                      <div>
                        <dt>{t('worklist.actions')}</dt>
                        <dd>
                          <ul className="tag-list">
                            {actions.map((a) => (
                              <li key={a} className="tag">
                                {ACTION_LABELS[a][lang]}
                              </li>
                            ))}
                          </ul>
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
