import { uniqueSuffix } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import { UserAccounts, type NewAccount } from '../users/user-accounts';
import { OFFICE_OFFICER_READERS } from './office-officers.http.controller';

interface Officer {
  id: string;
  displayName: string;
  nip?: string;
  position?: string;
  role: string;
  sectionCode?: string;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
let accounts: UserAccounts;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Officers of BLP with their NIP and position (one without either), one deactivated since, and one of TPI. */
const officers = {
  inteldakim: { displayName: 'Agus Santoso', nip: '198203102005011002', position: 'Kepala Seksi Inteldakim', role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
  analyst: { displayName: 'Bambang Sutrisno', nip: '198001012005011001', position: 'Analis Keimigrasian', role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
  withoutNip: { displayName: 'Citra Dewi', role: 'AUDITOR', officeCode: 'BLP' },
  deactivated: { displayName: 'Dedi Kurniawan', nip: '198505052010011005', position: 'Pengolah Data', role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
  otherOffice: { displayName: 'Eka Putri', nip: '199001012015032001', position: 'Kepala Seksi Inteldakim', role: 'SEKSI_TERKAIT', officeCode: 'TPI', sectionCode: 'INTELDAKIM' },
} satisfies Record<string, Omit<NewAccount, 'username' | 'password'>>;

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation);
  accounts = new UserAccounts(() => gateway.runtime.dataSource);
  for (const [name, officer] of Object.entries(officers)) {
    ids[name] = (await accounts.add({ ...officer, username: `${name.toLowerCase()}.${uniqueSuffix()}`, password: `pw-${randomUUID()}` })).id;
  }
  await accounts.transaction((tx) => accounts.deactivate(tx, ids['deactivated'] ?? '', new Date()));
  for (const [name, officer] of Object.entries({
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    otherOfficeKepala: { role: 'KEPALA_KANTOR', officeCode: 'TPI' },
    ...Object.fromEntries(OFFICE_ROLES.filter((r) => r !== 'KEPALA_KANTOR').map((role) => [role, { role, officeCode: 'BLP', ...(role === 'SEKSI_TERKAIT' ? { sectionCode: 'LANTASKIM' } : {}) }])),
  } as Record<string, Parameters<TestGateway['officer']>[0]>)) {
    const logged = await gateway.officer(officer);
    tokens[name] = logged.token;
    ids[name] = (await accounts.byUsername(logged.username))?.id ?? '';
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function officersAs(who: string): Promise<Officer[]> {
  return (await api(gateway, tokens[who]).json<{ items: Officer[] }>('/office/officers')).items;
}

describe("the office's officers a team decree may name", () => {
  it('are listed for the kepala kantor: the active officers of their office by name, with NIP and position, never a deactivated one', async () => {
    const items = await officersAs('kepala');
    expect(items.find((o) => o.id === ids['inteldakim'])).toEqual({
      id: ids['inteldakim'],
      displayName: 'Agus Santoso',
      nip: '198203102005011002',
      position: 'Kepala Seksi Inteldakim',
      role: 'SEKSI_TERKAIT',
      sectionCode: 'INTELDAKIM',
    });
    expect(items.find((o) => o.id === ids['analyst'])).toEqual({ id: ids['analyst'], displayName: 'Bambang Sutrisno', nip: '198001012005011001', position: 'Analis Keimigrasian', role: 'ADMIN_TIKKIM' });
    // An account without NIP or position is listed too: the decree's form asks for what it lacks.
    expect(items.find((o) => o.id === ids['withoutNip'])).toEqual({ id: ids['withoutNip'], displayName: 'Citra Dewi', role: 'AUDITOR' });
    expect(items.map((o) => o.id)).toContain(ids['kepala']);
    expect(items.map((o) => o.id)).not.toContain(ids['deactivated']);
    const named = items.map((o) => o.displayName).filter((n) => !n.startsWith('Test '));
    expect(named).toEqual(['Agus Santoso', 'Bambang Sutrisno', 'Citra Dewi']);
  });

  it("never hold another office's officers, nor any username", async () => {
    const ours = await officersAs('kepala');
    expect(ours.map((o) => o.id)).not.toContain(ids['otherOffice']);
    expect(ours.map((o) => o.id)).not.toContain(ids['otherOfficeKepala']);
    const theirs = await officersAs('otherOfficeKepala');
    expect(theirs.map((o) => o.id).sort()).toEqual([ids['otherOffice'], ids['otherOfficeKepala']].sort());
    const fields = new Set(['id', 'displayName', 'nip', 'position', 'role', 'sectionCode']);
    expect([...ours, ...theirs].flatMap((o) => Object.keys(o).filter((k) => !fields.has(k)))).toEqual([]);
  });

  it('are refused (403 OFFICE_OFFICERS.FORBIDDEN_ROLE) to every role that does not issue the team decree', async () => {
    expect(OFFICE_OFFICER_READERS).toEqual(['KEPALA_KANTOR']);
    for (const role of OFFICE_ROLES.filter((r) => r !== 'KEPALA_KANTOR')) {
      const res = await api(gateway, tokens[role]).get('/office/officers');
      expect([role, res.status]).toEqual([role, 403]);
      expect(await res.json()).toMatchObject({ status: 403, code: 'OFFICE_OFFICERS.FORBIDDEN_ROLE' });
    }
  });

  it('are refused (401) without a token', async () => {
    const res = await api(gateway, undefined).get('/office/officers');
    expect(res.status).toBe(401);
  });
});
