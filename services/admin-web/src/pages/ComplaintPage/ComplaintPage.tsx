import { useEffect, useRef, useState } from 'react';
import { offeredActions, type UiAction } from '../../api/commands';
import type { CommandResult, ComplaintDetail } from '../../api/types';
import { ROUTES } from '../../app/routes';
import { Link } from '../../app/router';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { AssignmentPanel } from '../../complaint/AssignmentPanel';
import { ContactRights } from '../../complaint/ContactRights';
import { PersonalDataErasure } from '../../complaint/PersonalDataErasure';
import { Documents } from '../../complaint/Documents';
import { FollowUpMessage } from '../../complaint/forms/AppendMessageForm';
import { InternalNotesPanel } from '../../complaint/InternalNotes';
import { Messages } from '../../complaint/Messages';
import { StatusMessages } from '../../complaint/StatusMessages';
import { Outputs } from '../../complaint/Outputs';
import { Timeline } from '../../complaint/Timeline';
import { useI18n } from '../../i18n/i18n';
import { backoffDelay, CATCH_UP_WITHIN_MS, hasCaughtUp } from '../../lib/catch-up';
import { valueOf, type Loadable } from '../../lib/loadable';
import { useNow } from '../../lib/use-now';
import { ComplaintActions } from './ComplaintActions';
import { ComplaintSummary } from './ComplaintSummary';
import { savedNotice, type PageNotice } from './saved-notice';
import { sleep, useComplaintViews } from './use-complaint-views';

/** `/aduan/:id`: one complaint, what the officer may do now, its outputs, documents and record. */
export function ComplaintPage({ id }: { id: string }) {
  const { t, lang, msg } = useI18n();
  const now = useNow();
  const { detail, messages, documents, timeline, sections, alive, breakGlass, loadRest, reloadDetail } = useComplaintViews(id);
  const [openAction, setOpenAction] = useState<UiAction | null>(null);
  const [returnFocus, setReturnFocus] = useState<UiAction | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const openers = useRef<Partial<Record<UiAction, HTMLButtonElement | null>>>({});
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (returnFocus === null) return;
    openers.current[returnFocus]?.focus();
    setReturnFocus(null);
  }, [returnFocus]);

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
    setNotice(savedNotice(action, result, shows(latest), lang));
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
          <ComplaintSummary complaint={current} now={now} />

          <AssignmentPanel key={`${current.status}-${current.version ?? ''}`} complaintId={current.id} waitsOnMe={offeredActions(current.availableActions).length > 0} />

          <ComplaintActions
            actions={offeredActions(current.availableActions, current.callPurposes)}
            openAction={openAction}
            openers={openers}
            onOpen={(a) => {
              setNotice(null);
              setOpenAction(a);
            }}
            detail={current}
            sections={sections.state === 'ok' ? sections.value.items : null}
            messages={valueOf(messages)}
            onAccepted={(a, r) => void onAccepted(a, r)}
            onCancel={(a) => {
              setReturnFocus(a);
              setOpenAction(null);
            }}
            onConflict={onConflict}
          />

          <section className="section" aria-labelledby="complaint-messages">
            <h2 id="complaint-messages">{t('complaint.messages')}</h2>
            {messages.state === 'ok' ? <Messages data={messages.value} onBreakGlass={breakGlass} /> : <Pending state={messages} what={t('complaint.messages')} />}
            {/* The status messages sent to the complainant and their receipts (docs/adr/0054). */}
            <StatusMessages complaintId={id} />
            {/* A later call or visit of the reporter: Admin Tikkim, while the complaint is open (libs/sop). */}
            {current.availableActions.includes('appendMessage') ? <FollowUpMessage detail={current} onSaved={loadRest} onConflict={onConflict} /> : null}
            {/* The complainant's rights over their contact (UU 27/2022, docs/adr/0056): Admin Tikkim, at any status. */}
            {messages.state === 'ok' ? <ContactRights complaintId={id} messages={messages.value} onChanged={loadRest} /> : null}
            {/* Erasure by key destruction (docs/adr/0057): Admin Tikkim, on the reporter's verified request. */}
            {messages.state === 'ok' && !messages.value.personalDataErased ? <PersonalDataErasure complaintId={id} onErased={loadRest} /> : null}
          </section>

          <InternalNotesPanel complaintId={current.id} />

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
