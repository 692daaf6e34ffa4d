// The officer's session: the access token and who it was issued to, in sessionStorage (gone when
// the tab closes; never in localStorage, where it would outlive the officer's shift).

/** The officer a token was issued to (`POST /api/v1/auth/login` → `user`). */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly officeCode: string;
  readonly sectionCode?: string;
}

export interface Session {
  readonly accessToken: string;
  /** Epoch milliseconds the token stops being valid. */
  readonly expiresAt: number;
  readonly user: SessionUser;
}

export const SESSION_STORAGE_KEY = 'pengaduan.session';

/** What `Storage` offers that the session needs (so tests can pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isUser(value: unknown): value is SessionUser {
  const u = value as Record<string, unknown> | null;
  return (
    typeof u === 'object' &&
    u !== null &&
    ['id', 'username', 'displayName', 'role', 'officeCode'].every((k) => typeof u[k] === 'string') &&
    (u['sectionCode'] === undefined || typeof u['sectionCode'] === 'string')
  );
}

/** The session of a login answer, valid `expiresIn` seconds from `now`; null when the answer is not one. */
export function sessionFromLogin(body: unknown, now: number): Session | null {
  const b = body as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null || typeof b['accessToken'] !== 'string' || typeof b['expiresIn'] !== 'number' || !isUser(b['user'])) return null;
  const u = b['user'];
  const user: SessionUser = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    officeCode: u.officeCode,
    ...(u.sectionCode ? { sectionCode: u.sectionCode } : {}),
  };
  return { accessToken: b['accessToken'], expiresAt: now + b['expiresIn'] * 1000, user };
}

/** The stored session, unless it is missing, unreadable or expired as of `now`. */
export function readSession(store: KeyValueStore, now: number): Session | null {
  const raw = store.getItem(SESSION_STORAGE_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Record<string, unknown>;
    if (typeof s['accessToken'] !== 'string' || typeof s['expiresAt'] !== 'number' || !isUser(s['user'])) return null;
    if (s['expiresAt'] <= now) return null;
    return s as unknown as Session;
  } catch {
    return null;
  }
}

export function writeSession(store: KeyValueStore, session: Session | null): void {
  if (session) store.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  else store.removeItem(SESSION_STORAGE_KEY);
}
