import { useCallback, useEffect, useState } from 'react';
import { LOADING, type Loadable } from '../lib/loadable';
import { ApiError } from './client';

/**
 * What `read` answers, read again whenever `read` changes (memoise it with `useCallback`) and on
 * `reload()`; a failure keeps the HTTP status, 0 when the API was not reached.
 */
export function useLoadable<T>(read: () => Promise<T>): [Loadable<T>, () => Promise<void>] {
  const [value, setValue] = useState<Loadable<T>>(LOADING);
  const reload = useCallback(async () => {
    try {
      setValue({ state: 'ok', value: await read() });
    } catch (err) {
      setValue({ state: 'error', status: err instanceof ApiError ? err.status : 0 });
    }
  }, [read]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [value, reload];
}
