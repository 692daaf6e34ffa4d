import { useEffect } from 'react';
import { ApiError, type ApiClient } from '../../api/client';
import type { WebFormStatus } from '../../api/types';

/** How often and how long the page asks whether the report became a complaint. */
const POLL_EVERY_MS = 1_000;
const POLL_FOR_MS = 60_000;
/**
 * After a reload, how long a submission intake does not know may still be arriving (the request
 * the reload cut off was being stored); after that it never arrived.
 */
const NOT_RECEIVED_AFTER_MS = 5_000;

/**
 * Where the report page is: the form (`notReceived`: a reload cut the sending off before the
 * report arrived), waiting for the report to become a complaint (`resumed`: after a reload), or
 * the outcome.
 */
export type Phase =
  | { kind: 'form'; notReceived?: boolean }
  | { kind: 'waiting'; resumed?: boolean }
  | { kind: 'registered'; trackingNumber: string; trackingPin?: string }
  | { kind: 'failed' }
  | { kind: 'timeout' };

/** While waiting: ask every second, for about a minute, what became of the submission. */
export function useSubmissionStatus(phase: Phase, publicApi: ApiClient, submissionId: string, setPhase: (phase: Phase) => void): void {
  const waiting = phase.kind === 'waiting';
  const resumed = phase.kind === 'waiting' && phase.resumed === true;
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: number | undefined;
    const startedAt = Date.now();
    const poll = async () => {
      try {
        const s = await publicApi.get<WebFormStatus>(`/webhooks/web-form/${encodeURIComponent(submissionId)}`);
        if (stopped) return;
        // The PIN lives in this state only, never in storage: a reload asks again (ADR 0052).
        if (s.status === 'REGISTERED') return setPhase({ kind: 'registered', trackingNumber: s.trackingNumber, ...(s.trackingPin ? { trackingPin: s.trackingPin } : {}) });
        if (s.status === 'FAILED') return setPhase({ kind: 'failed' });
      } catch (err) {
        // Not stored yet where the status is read, or a moment offline: ask again; but a
        // submission a reload cut off that intake still does not know has not arrived.
        if (stopped) return;
        if (resumed && err instanceof ApiError && err.status === 404 && Date.now() - startedAt >= NOT_RECEIVED_AFTER_MS) return setPhase({ kind: 'form', notReceived: true });
      }
      if (stopped) return;
      if (Date.now() - startedAt >= POLL_FOR_MS) return setPhase({ kind: 'timeout' });
      timer = window.setTimeout(() => void poll(), POLL_EVERY_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [waiting, resumed, publicApi, submissionId, setPhase]);
}
