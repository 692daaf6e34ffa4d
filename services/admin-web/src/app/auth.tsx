import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { loginPath } from './routes';
import { useRouter } from './router';
import { readSession, writeSession, type Session } from './session';

export interface Auth {
  readonly session: Session | null;
  /** Requests with the officer's token; a 401 ends the session and goes to the login. */
  readonly api: ApiClient;
  /** Requests of the public pages, with no token. */
  readonly publicApi: ApiClient;
  signIn(session: Session): void;
  /** Forgets the session here (the token stays valid until it expires): for a token already refused. */
  signOut(): void;
  /** Logs out: the gateway revokes the token (POST /api/v1/auth/logout), then the session is forgotten, also when the gateway cannot be reached. */
  logOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { navigate, location } = useRouter();
  const [session, setSession] = useState<Session | null>(() => {
    const store = storage();
    return store ? readSession(store, Date.now()) : null;
  });
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const locationRef = useRef(location);
  locationRef.current = location;

  const signIn = useCallback((next: Session) => {
    const store = storage();
    if (store) writeSession(store, next);
    sessionRef.current = next;
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    const store = storage();
    if (store) writeSession(store, null);
    sessionRef.current = null;
    setSession(null);
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        token: () => {
          const s = sessionRef.current;
          return s && s.expiresAt > Date.now() ? s.accessToken : null;
        },
        onUnauthorized: () => {
          signOut();
          const here = locationRef.current;
          navigate(loginPath(here.pathname + here.search), { replace: true });
        },
      }),
    [navigate, signOut],
  );
  const publicApi = useMemo(() => createApiClient({ token: () => null }), []);

  const logOut = useCallback(async () => {
    if (sessionRef.current) {
      try {
        await api.post('/api/v1/auth/logout', {});
      } catch {
        // Already refused (401 ends the session anyway) or unreachable: forgotten here all the same.
      }
    }
    signOut();
  }, [api, signOut]);

  const value = useMemo<Auth>(() => ({ session, api, publicApi, signIn, signOut, logOut }), [session, api, publicApi, signIn, signOut, logOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The logged-in officer's session (only under a route the guard let through). */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
