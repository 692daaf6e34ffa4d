// A router of a few lines on the History API: the location in state, `navigate` to push or
// replace, `<Link>` for real anchors that do not reload the page. Each navigation bumps
// `navigation`, which the page heading uses to take the focus (see PageHeading).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface AppLocation {
  readonly pathname: string;
  readonly search: string;
}

export interface Router {
  readonly location: AppLocation;
  /** How many navigations happened since the page loaded (0 on the first render). */
  readonly navigation: number;
  /** `keepFocus`: a change of the same page (filters, paging) that leaves the focus where it is. */
  navigate(to: string, options?: { replace?: boolean; keepFocus?: boolean }): void;
}

const RouterContext = createContext<Router | null>(null);

function currentLocation(): AppLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState({ location: currentLocation(), navigation: 0 });

  useEffect(() => {
    const onPop = () => {
      setState((s) => {
        const next = currentLocation();
        if (next.pathname === s.location.pathname && next.search === s.location.search) return s;
        return { location: next, navigation: s.navigation + 1 };
      });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean; keepFocus?: boolean }) => {
    const url = new URL(to, window.location.origin);
    const same = url.pathname === window.location.pathname && url.search === window.location.search;
    if (options?.replace) window.history.replaceState(null, '', url);
    else if (!same) window.history.pushState(null, '', url);
    const moved = !same || options?.replace === true;
    setState((s) => ({ location: { pathname: url.pathname, search: url.search }, navigation: moved && !options?.keepFocus ? s.navigation + 1 : s.navigation }));
    if (!same && !options?.keepFocus) window.scrollTo(0, 0);
  }, []);

  const value = useMemo<Router>(() => ({ location: state.location, navigation: state.navigation, navigate }), [state, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside RouterProvider');
  return router;
}

/** The query parameters of the current location. */
export function useQuery(): URLSearchParams {
  const { location } = useRouter();
  return useMemo(() => new URLSearchParams(location.search), [location.search]);
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real `<a href>` (open in a new tab, copy the link) that navigates in the app on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/** Replaces the location as soon as it renders (guards, old paths). */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}
