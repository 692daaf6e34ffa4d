import { readSession, SESSION_STORAGE_KEY, sessionFromLogin, writeSession, type KeyValueStore } from './session';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const login = {
  accessToken: 'eyJ.token',
  tokenType: 'Bearer',
  expiresIn: 28_800,
  user: { id: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', username: 'seksi.inteldakim', displayName: 'Seksi Inteldakim', role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
};

describe('the officer’s session', () => {
  const now = Date.parse('2026-12-01T01:00:00Z');

  it('is taken from the login answer, valid for expiresIn seconds', () => {
    const s = sessionFromLogin(login, now);
    expect(s).toEqual({ accessToken: 'eyJ.token', expiresAt: now + 28_800_000, user: login.user });
  });

  it('is refused when the answer is not a login answer', () => {
    expect(sessionFromLogin({ accessToken: 'x' }, now)).toBeNull();
    expect(sessionFromLogin({ ...login, user: { ...login.user, role: 7 } }, now)).toBeNull();
    expect(sessionFromLogin(null, now)).toBeNull();
  });

  it('is kept in the store and read back until it expires', () => {
    const store = new MemoryStore();
    writeSession(store, sessionFromLogin(login, now));
    expect(store.items.has(SESSION_STORAGE_KEY)).toBe(true);
    expect(readSession(store, now + 1000)?.user.sectionCode).toBe('INTELDAKIM');
    expect(readSession(store, now + 28_800_000)).toBeNull();
  });

  it('is forgotten on logout, and a damaged entry reads as none', () => {
    const store = new MemoryStore();
    writeSession(store, sessionFromLogin(login, now));
    writeSession(store, null);
    expect(readSession(store, now)).toBeNull();
    store.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(readSession(store, now)).toBeNull();
  });
});
