import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { ComplaintDetail, ComplaintDocuments, ComplaintMessages, SectionList, Timeline as TimelineData } from '../../api/types';
import { useAuth } from '../../app/auth';
import { backoffDelay } from '../../lib/catch-up';
import { LOADING, type Loadable } from '../../lib/loadable';

/** How long a complaint that is not found yet is asked for again (one just registered appears within moments). */
const NOT_FOUND_RETRY_MS = 5_000;

export const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * What the complaint page reads of one complaint: the complaint, its messages, documents and
 * timeline, and the office's sections; `alive` is false once the page is gone.
 */
export function useComplaintViews(id: string) {
  const { api } = useAuth();
  const [detail, setDetail] = useState<Loadable<ComplaintDetail>>(LOADING);
  const [messages, setMessages] = useState<Loadable<ComplaintMessages>>(LOADING);
  const [documents, setDocuments] = useState<Loadable<ComplaintDocuments>>(LOADING);
  const [timeline, setTimeline] = useState<Loadable<TimelineData>>(LOADING);
  const [sections, setSections] = useState<Loadable<SectionList>>(LOADING);
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
    // The retired sections too: an old sheet still names them (docs/adr/0042); the disposition form leaves them out.
    void read<SectionList>('/api/v1/sections?includeRetired=true', setSections);
    return () => {
      cancelled = true;
    };
  }, [api, base, loadRest, read]);

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

  return { detail, messages, documents, timeline, sections, alive, breakGlass, loadRest, reloadDetail };
}
