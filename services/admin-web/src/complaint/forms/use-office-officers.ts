import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { LOADING, type Loadable } from '../../lib/loadable';
import { OFFICE_OFFICERS_PATH, type OfficeOfficer } from '../../lib/office-officers';

/** The office's active officers, read once when the team form opens (only its head of office may read them). */
export function useOfficeOfficers(): Loadable<readonly OfficeOfficer[]> {
  const { api } = useAuth();
  const [officers, setOfficers] = useState<Loadable<readonly OfficeOfficer[]>>(LOADING);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const { items } = await api.get<{ items: OfficeOfficer[] }>(OFFICE_OFFICERS_PATH);
        if (!cancelled) setOfficers({ state: 'ok', value: items });
      } catch (err) {
        if (!cancelled) setOfficers({ state: 'error', status: err instanceof ApiError ? err.status : 0 });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);
  return officers;
}
