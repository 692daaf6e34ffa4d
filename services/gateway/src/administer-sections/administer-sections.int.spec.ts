import { randomUUID } from 'node:crypto';
import { adminApi, adminSuite } from '../administer-officers/__fixtures__/admin-suite';

// The head of office adds, renames and retires the office's sections, and reads the office's
// administration log (ADR 0042). Over real sockets, on the real Postgres; disposition's section
// commands are a stand-in (disposition's own int spec runs them on Postgres).

const s = adminSuite();
const head = () => adminApi(s.gateway, s.head.token);
type LogPage = { items: { kind: string; actorUsername: string; target?: string; change?: unknown }[]; total: number; limit: number; offset: number };

describe('the head of office administers the sections', () => {
  it('adds one (a replay answers 200 and records nothing more), renames it, retires it; each in the log with before and after', async () => {
    const key = randomUUID();
    const added = await head().post('/sections', { code: 'TIKKIM', name: 'Seksi Tikim' }, key);
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ code: 'TIKKIM', name: 'Seksi Tikim' });
    expect((await head().post('/sections', { code: 'TIKKIM', name: 'Seksi Tikim' }, key)).status).toBe(200);
    const renamed = await head().patch('/sections/TIKKIM', { name: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian' });
    expect(await renamed.json()).toEqual({ code: 'TIKKIM', name: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian' });
    const retired = await head().post('/sections/TIKKIM/retire', undefined);
    expect(retired.status).toBe(200);
    expect(await retired.json()).toEqual({ code: 'TIKKIM', name: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian', retired: true });

    // Offered for no new disposition, still named for old sheets.
    const active = (await head().json<{ items: { code: string }[] }>('/sections')).items;
    expect(active.map((x) => x.code)).not.toContain('TIKKIM');
    expect((await head().json<{ items: unknown[] }>('/sections?includeRetired=true')).items).toContainEqual({ code: 'TIKKIM', name: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian', retired: true });

    const log = await head().json<LogPage>('/admin-log?limit=3');
    expect(log.items).toEqual([
      expect.objectContaining({ kind: 'SECTION_RETIRED', target: 'section:TIKKIM', actorUsername: s.head.username, change: { retired: { before: false, after: true } } }),
      expect.objectContaining({ kind: 'SECTION_RENAMED', change: { name: { before: 'Seksi Tikim', after: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian' } } }),
      expect.objectContaining({ kind: 'SECTION_ADDED', change: { name: { after: 'Seksi Tikim' } } }),
    ]);
    expect(log).toMatchObject({ total: 3, limit: 3, offset: 0 });
    // The head of office's own security log holds none of it.
    expect(JSON.stringify(await head().json('/auth/security-log'))).not.toContain('SECTION_');
  });

  it('refuses a retired section, an unknown one, a taken code, bad input naming the field, a reused key and another role', async () => {
    await head().post('/sections', { code: 'ARSIP', name: 'Arsip' });
    await head().post('/sections/ARSIP/retire', undefined);
    const rename = await head().patch('/sections/ARSIP', { name: 'Arsip Baru' });
    expect([rename.status, ((await rename.json()) as { code: string }).code]).toEqual([409, 'SECTION.RETIRED']);
    const unknown = await head().post('/sections/NOPE/retire', undefined);
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'SECTION.NOT_FOUND']);
    const taken = await head().post('/sections', { code: 'INTELDAKIM', name: 'Lain' });
    expect([taken.status, ((await taken.json()) as { code: string }).code]).toEqual([409, 'SECTION.CODE_TAKEN']);
    for (const [body, field] of [
      [{ code: 'seksi x', name: 'Seksi' }, 'code'],
      [{ code: 'SEKSI', name: ' ' }, 'name'],
      [{ code: 'SEKSI', name: 'x'.repeat(100_000) }, 'name'],
    ] as const) {
      const res = await head().post('/sections', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([field]);
    }
    const key = randomUUID();
    await head().post('/sections', { code: 'HUMAS', name: 'Humas' }, key);
    const reused = await head().post('/sections/INTELDAKIM/retire', undefined, key);
    expect([reused.status, ((await reused.json()) as { code: string }).code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);

    const auditor = await s.gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const as = adminApi(s.gateway, auditor.token);
    for (const res of [await as.post('/sections', { code: 'X1', name: 'X' }), await as.patch('/sections/INTELDAKIM', { name: 'X' }), await as.post('/sections/INTELDAKIM/retire', undefined), await as.get('/admin-log')]) {
      expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([403, 'ACCOUNT.FORBIDDEN_ROLE']);
    }
    expect((await head().json<{ items: { code: string }[] }>('/sections')).items.map((x) => x.code)).toContain('INTELDAKIM');
  });

  it("shows each office its own log only, paged", async () => {
    await adminApi(s.gateway, s.otherHead.token).patch('/sections/INTELDAKIM', { name: 'Seksi Intelijen Jakarta' });
    const other = await adminApi(s.gateway, s.otherHead.token).json<LogPage>('/admin-log');
    expect(other.items.map((e) => e.actorUsername)).toEqual([s.otherHead.username]);
    const mine = await head().json<LogPage>('/admin-log');
    expect(mine.items.map((e) => e.actorUsername)).not.toContain(s.otherHead.username);
    const second = await head().json<LogPage>('/admin-log?limit=1&offset=1');
    expect(second.items).toEqual([mine.items[1]]);
    for (const query of ['limit=0', 'limit=1000', 'offset=-1', 'limit=x']) expect((await head().get(`/admin-log?${query}`)).status).toBe(400);
  });
});
