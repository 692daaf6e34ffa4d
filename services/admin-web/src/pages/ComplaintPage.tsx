import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import { ApiError } from '../api/client';
import { offeredActions, type UiAction } from '../api/commands';
import type { CommandResult, ComplaintDetail, ComplaintDocuments, ComplaintMessages, SectionList, Timeline as TimelineData } from '../api/types';
import { useAuth } from '../app/auth';
import { ROUTES } from '../app/routes';
import { Link } from '../app/router';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { Countdown } from '../components/Countdown';
import { Icon } from '../components/Icon';
import { PageHeading } from '../components/PageHeading';
import { Documents } from '../complaint/Documents';
import { AnalyzeForm } from '../complaint/forms/AnalyzeForm';
import { ConfirmForm } from '../complaint/forms/ConfirmForm';
import { DecideForm } from '../complaint/forms/DecideForm';
import { DeliveryForm } from '../complaint/forms/DeliveryForm';
import { DismissForm } from '../complaint/forms/DismissForm';
import { DisposeForm } from '../complaint/forms/DisposeForm';
import type { CommandFormProps } from '../complaint/forms/form-props';
import { InformForm } from '../complaint/forms/InformForm';
import { RespondForm } from '../complaint/forms/RespondForm';
import { TeamForm } from '../complaint/forms/TeamForm';
import { Messages } from '../complaint/Messages';
import { Outputs } from '../complaint/Outputs';
import { Timeline } from '../complaint/Timeline';
import { useI18n } from '../i18n/i18n';
import { ACTION_LABELS } from '../i18n/messages';
import type { Msg } from '../i18n/translate';
import { backoffDelay, CATCH_UP_WITHIN_MS, hasCaughtUp } from '../lib/catch-up';
import { formatWib } from '../lib/format';
import { LOADING, valueOf, type Loadable } from '../lib/loadable';
import { channelLabel, classificationLabel, statusLabel, stepFullName, stepShortName } from '../lib/sop-labels';
import { useNow } from '../lib/use-now';

const FORMS: Record<UiAction, ComponentType<CommandFormProps>> = {
  confirm: ConfirmForm,
  dismiss: DismissForm,
  dispose: DisposeForm,
  respondAsSection: RespondForm,
  analyze: AnalyzeForm,
  decideFollowUp: DecideForm,
  formTeam: TeamForm,
  informReporter: InformForm,
  recordDelivery: DeliveryForm,
};

/** How long a complaint that is not found yet is asked for again (one just registered appears within moments). */
const NOT_FOUND_RETRY_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** `/aduan/:id`: one complaint, what the officer may do now, its outputs, documents and record. */
export function ComplaintPage({ id }: { id: string }) {
  const { t, lang, msg } = useI18n();
  const { api } = useAuth();
  const now = useNow();
  const [detail, setDetail] = useState<Loadable<ComplaintDetail>>(LOADING);
  const [messages, setMessages] = useState<Loadable<ComplaintMessages>>(LOADING);
  const [documents, setDocuments] = useState<Loadable<ComplaintDocuments>>(LOADING);
  const [timeline, setTimeline] = useState<Loadable<TimelineData>>(LOADING);
  const [sections, setSections] = useState<Loadable<SectionList>>(LOADING);
  const [openAction, setOpenAction] = useState<UiAction | null>(null);
  const [returnFocus, setReturnFocus] = useState<UiAction | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'success' | 'error'; msg: Msg } | null>(null);
  const openers = useRef<Partial<Record<UiAction, HTMLButtonElement | null>>>({});
  const noticeRef = useRef<HTMLDivElement>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const base = `/api/v1/complaints/${encodeURIComponent(id)}`;
  const read = useCallback(
    async <T,>(path: string, set: (l: Loadable<T>) => void) => {
      try {
        const value = await api.get<T>(path);
        if (alive.current) set({ state: 'ok', value });
      } catch (err) {
        if (alive.current) set({ state: 'error', status: err instanceof ApiError ? err.status : 0 });
      }
    },
    [api],
  );

  /** The head of office's break-glass read of the contact (docs/adr/0029): null when shown, else the status. */
  const breakGlass = useCallback(
    async (reason: string): Promise<number | null> => {
      try {
        // The reason in a body, never in the URL (proxies log URLs).
        const value = await api.post<ComplaintMessages>(`${base}/messages/contact-reads`, { purpose: 'BREAK_GLASS', reason });
        if (alive.current) setMessages({ state: 'ok', value });
        return null;
      } catch (err) {
        return err instanceof ApiError ? err.status : 0;
      }
    },
    [api, base],
  );

  const loadRest = useCallback(() => {
    void read<ComplaintMessages>(`${base}/messages`, setMessages);
    void read<ComplaintDocuments>(`${base}/documents`, setDocuments);
    void read<TimelineData>(`${base}/timeline`, setTimeline);
  }, [base, read]);

  // The complaint; one just registered may not be in the gateway's view for a moment.
  useEffect(() => {
    let cancelled = false;
    const giveUpAt = Date.now() + NOT_FOUND_RETRY_MS;
    void (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const value = await api.get<ComplaintDetail>(base);
          if (!cancelled) setDetail({ state: 'ok', value });
          return;
        } catch (err) {
          const status = err instanceof ApiError ? err.status : 0;
          if (cancelled) return;
          if (status === 404 && Date.now() < giveUpAt) {
            await sleep(backoffDelay(attempt, 300, 1_500));
            continue;
          }
          setDetail({ state: 'error', status });
          return;
        }
      }
    })();
    loadRest();
    void read<SectionList>('/api/v1/sections', setSections);
    return () => {
      cancelled = true;
    };
  }, [api, base, loadRest, read]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (returnFocus === null) return;
    openers.current[returnFocus]?.focus();
    setReturnFocus(null);
  }, [returnFocus]);

  /** The view, once it shows at least `minVersion` (the gateway waits for it, docs/adr/0033); null when it did not come. */
  const reloadDetail = useCallback(async (minVersion?: number) => {
    try {
      const value = await api.get<ComplaintDetail>(minVersion === undefined ? base : `${base}?minVersion=${minVersion}`);
      if (alive.current) setDetail({ state: 'ok', value });
      return value;
    } catch {
      return null;
    }
  }, [api, base]);

  const current = valueOf(detail);

  /**
   * After a command: the view follows within moments. With the answer's version the gateway
   * waits until its view shows it; a complaint recorded before versions is asked with backoff.
   */
  const onAccepted = async (action: UiAction, result: CommandResult) => {
    const before = current;
    setOpenAction(null);
    setNotice({ tone: 'info', msg: { key: 'complaint.updating' } });
    const shows = (latest: ComplaintDetail | null) =>
      latest !== null && (result.version !== undefined ? (latest.version ?? 0) >= result.version : !before || hasCaughtUp(before, latest, result.status));
    const giveUpAt = Date.now() + CATCH_UP_WITHIN_MS;
    let latest: ComplaintDetail | null = null;
    for (let attempt = 0; alive.current; attempt++) {
      latest = await reloadDetail(result.version);
      if (shows(latest) || Date.now() >= giveUpAt) break;
      if (result.version === undefined) await sleep(backoffDelay(attempt));
    }
    if (!alive.current) return;
    loadRest();
    const number = result.sheetNumber ?? result.decreeNumber;
    const caughtUp = shows(latest);
    setNotice(
      caughtUp
        ? {
            tone: 'success',
            msg: number
              ? { key: 'complaint.savedWithNumber', params: { action: ACTION_LABELS[action][lang], status: statusLabel(result.status, lang), number } }
              : { key: 'complaint.saved', params: { action: ACTION_LABELS[action][lang], status: statusLabel(result.status, lang) } },
          }
        : { tone: 'info', msg: { key: 'complaint.savedNotYetShown', params: { action: ACTION_LABELS[action][lang] } } },
    );
  };

  const onConflict = () => {
    setNotice({ tone: 'error', msg: { key: 'command.conflict' } });
    void reloadDetail();
    loadRest();
  };

  const heading = current ? t('complaint.title', { number: current.trackingNumber }) : t('complaint.titleLoading');

  if (detail.state === 'error') {
    return (
      <div className="page">
        <PageHeading title={t('complaint.titleLoading')}>{t('complaint.titleLoading')}</PageHeading>
        <ErrorMessage>{detail.status === 404 || detail.status === 400 ? t('complaint.notFound') : detail.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage>
        <p>
          <Link to={ROUTES.complaints}>{t('complaint.backToList')}</Link>
        </p>
      </div>
    );
  }

  const actions = current ? offeredActions(current.availableActions) : [];
  const Form = openAction && actions.includes(openAction) ? FORMS[openAction] : null;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={ROUTES.complaints}>{t('nav.complaints')}</Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      {notice ? (
        notice.tone === 'error' ? (
          <ErrorMessage ref={noticeRef}>{msg(notice.msg)}</ErrorMessage>
        ) : (
          <StatusMessage ref={noticeRef} tone={notice.tone}>
            {msg(notice.msg)}
          </StatusMessage>
        )
      ) : null}
      {!current ? (
        <StatusMessage>{t('common.loading')}</StatusMessage>
      ) : (
        <>
          <section className="complaint-header" aria-label={t('complaint.summaryLabel')}>
            <p className="badges">
              <span className="badge badge--status">{statusLabel(current.status, lang)}</span>
              {current.anonymous ? (
                <span className="badge badge--private">
                  <Icon name="lock" />
                  {t('complaint.anonymous')}
                </span>
              ) : null}
              {current.confidential ? (
                <span className="badge badge--private">
                  <Icon name="lock" />
                  {t('complaint.confidential')}
                </span>
              ) : null}
            </p>
            <dl className="facts facts--columns">
              <div>
                <dt>{t('complaint.channel')}</dt>
                <dd>{channelLabel(current.channel, lang)}</dd>
              </div>
              <div>
                <dt>{t('complaint.receivedAt')}</dt>
                <dd>{formatWib(current.receivedAt, lang)}</dd>
              </div>
              <div>
                <dt>{t('field.classification')}</dt>
                <dd>{current.classificationCode ? classificationLabel(current.classificationCode, lang) : t('complaint.notClassified')}</dd>
              </div>
              <div>
                <dt>{t('complaint.currentStep')}</dt>
                <dd>
                  {current.currentStep ? (
                    <>
                      <span title={stepFullName(current.currentStep.stepId, lang)}>{stepShortName(current.currentStep.stepId, lang)}</span>
                      {current.currentStep.sectionCodes && current.currentStep.sectionCodes.length > 0 ? <span className="muted"> ({current.currentStep.sectionCodes.join(', ')})</span> : null}
                      <br />
                      <Countdown clock={current.currentStep} now={now} />
                    </>
                  ) : (
                    t('complaint.noCurrentStep')
                  )}
                </dd>
              </div>
            </dl>
            {current.summary ? <p className="complaint-summary preserve-lines">{current.summary}</p> : null}
            {current.deadlines.length > 0 ? (
              <>
                <h2 className="h3">{t('complaint.deadlines')}</h2>
                <div className="table-scroll">
                  <table className="table table--stack">
                    <caption className="sr-only">{t('complaint.deadlines')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('complaint.deadlineStep')}</th>
                        <th scope="col">{t('complaint.deadlineDue')}</th>
                        <th scope="col">{t('complaint.deadlineLeft')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {current.deadlines.map((d) => (
                        <tr key={d.deadlineId}>
                          <td data-label={t('complaint.deadlineStep')}>
                            {stepShortName(d.stepId, lang)}
                            {d.sectionCode ? ` · ${d.sectionCode}` : ''}
                            {d.escalatedToRole ? <span className="muted"> · {t('complaint.escalated')}</span> : null}
                          </td>
                          <td data-label={t('complaint.deadlineDue')}>{formatWib(d.dueAt, lang)}</td>
                          <td data-label={t('complaint.deadlineLeft')}>
                            <Countdown clock={d} now={now} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : null}
          </section>

          <section className="section" aria-labelledby="complaint-actions">
            <h2 id="complaint-actions">{t('complaint.actions')}</h2>
            {actions.length === 0 ? (
              <p className="muted">{t('complaint.noActions')}</p>
            ) : (
              <div className="action-bar">
                {actions
                  .filter((a) => a !== openAction)
                  .map((a) => (
                    <button
                      key={a}
                      type="button"
                      className="button"
                      ref={(el) => {
                        openers.current[a] = el;
                      }}
                      onClick={() => {
                        setNotice(null);
                        setOpenAction(a);
                      }}
                    >
                      {ACTION_LABELS[a][lang]}
                    </button>
                  ))}
              </div>
            )}
            {Form && openAction ? (
              <Form
                key={openAction}
                action={openAction}
                detail={current}
                sections={sections.state === 'ok' ? sections.value.items : null}
                messages={valueOf(messages)}
                onAccepted={(r) => void onAccepted(openAction, r)}
                onCancel={() => {
                  setReturnFocus(openAction);
                  setOpenAction(null);
                }}
                onConflict={onConflict}
              />
            ) : null}
          </section>

          <section className="section" aria-labelledby="complaint-messages">
            <h2 id="complaint-messages">{t('complaint.messages')}</h2>
            {messages.state === 'ok' ? <Messages data={messages.value} onBreakGlass={breakGlass} /> : <Pending state={messages} what={t('complaint.messages')} />}
          </section>

          <section className="section" aria-labelledby="complaint-outputs">
            <h2 id="complaint-outputs">{t('complaint.outputs')}</h2>
            <Outputs outputs={current.outputs} sections={valueOf(sections)?.items ?? null} />
          </section>

          <section className="section" aria-labelledby="complaint-documents">
            <h2 id="complaint-documents">{t('complaint.documents')}</h2>
            {documents.state === 'ok' ? <Documents documents={documents.value.documents} /> : <Pending state={documents} what={t('complaint.documents')} />}
          </section>

          <section className="section" aria-labelledby="complaint-timeline">
            <h2 id="complaint-timeline">{t('complaint.timeline')}</h2>
            {timeline.state === 'ok' ? <Timeline events={timeline.value.events} /> : <Pending state={timeline} what={t('complaint.timeline')} />}
          </section>
        </>
      )}
    </div>
  );
}

function Pending({ state, what }: { state: Loadable<unknown>; what: string }) {
  const { t } = useI18n();
  if (state.state === 'loading') return <p className="muted">{t('common.loading')}</p>;
  return <p className="muted">{t('complaint.partFailed', { what })}</p>;
}
