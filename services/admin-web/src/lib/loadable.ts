/** A thing the page reads from the API: still loading, read, or failed (with whether it does not exist). */
export type Loadable<T> = { readonly state: 'loading' } | { readonly state: 'ok'; readonly value: T } | { readonly state: 'error'; readonly status: number };

export const LOADING = { state: 'loading' } as const;

export function valueOf<T>(l: Loadable<T>): T | null {
  return l.state === 'ok' ? l.value : null;
}
