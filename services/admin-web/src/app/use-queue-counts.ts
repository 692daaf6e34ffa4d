import { useCallback, useEffect, useState } from 'react';
import { queuesOf, WORK_QUEUES, type QueueName } from '../lib/work-queues';
import { useAuth } from './auth';

/** The counts are read again this often, and whenever the officer goes to another page. */
const REFRESH_EVERY_MS = 60_000;

/**
 * How many items wait in each of the officer's work queues (the navigation shows them). A queue
 * whose count could not be read has none (the page itself says why).
 */
export function useQueueCounts(pathname: string): Partial<Record<QueueName, number>> {
  const { api, session } = useAuth();
  const role = session?.user.role;
  const [counts, setCounts] = useState<Partial<Record<QueueName, number>>>({});

  const load = useCallback(async () => {
    if (!role) return setCounts({});
    const entries = await Promise.all(
      queuesOf(role).map(async (q) => {
        try {
          return [q, (await api.get<{ total: number }>(`${WORK_QUEUES[q].api}?limit=1`)).total] as const;
        } catch {
          return [q, undefined] as const;
        }
      }),
    );
    setCounts(Object.fromEntries(entries.filter(([, n]) => n !== undefined)));
  }, [api, role]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [load, pathname]);

  return counts;
}
