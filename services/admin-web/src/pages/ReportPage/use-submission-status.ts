import { useEffect } from 'react';
import type { ApiClient } from '../../api/client';
import type { WebFormStatus } from '../../api/types';

/** How often and how long the page asks whether the report became a complaint. */
const POLL_EVERY_MS = 1_000;
const POLL_FOR_MS = 60_000;

/** Where the report page is: the form, waiting for the report to become a complaint, or the outcome. */
export type Phase = { kind: 'form' } | { kind: 'waiting' } | { kind: 'registered'; trackingNumber: string } | { kind: 'failed' } | { kind: 'timeout' };

/** While waiting: ask every second, for about a minute, what became of the submission. */
export function useSubmissionStatus(phaseKind: Phase['kind'], publicApi: ApiClient, submissionId: string, setPhase: (phase: Phase) => void): void {
  useEffect(() => {
    if (phaseKind !== 'waiting') return;
    let stopped = false;
    let timer: number | undefined;
    const giveUpAt = Date.now() + POLL_FOR_MS;
    const poll = async () => {
      try {
        const s = await publicApi.get<WebFormStatus>(`/webhooks/web-form/${encodeURIComponent(submissionId)}`);
        if (stopped) return;
        if (s.status === 'REGISTERED') return setPhase({ kind: 'registered', trackingNumber: s.trackingNumber });
        if (s.status === 'FAILED') return setPhase({ kind: 'failed' });
      } catch {
        // Not stored yet where the status is read, or a moment offline: ask again.
      }
      if (stopped) return;
      if (Date.now() >= giveUpAt) return setPhase({ kind: 'timeout' });
      timer = window.setTimeout(() => void poll(), POLL_EVERY_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [phaseKind, publicApi, submissionId, setPhase]);
}
