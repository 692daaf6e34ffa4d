import { DispositionService } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { randomUUID } from 'node:crypto';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../../__fixtures__/gateway-app';
import { loginAs, type LoggedInOfficer } from '../../users/__fixtures__/accounts-suite';

type StoredSection = { code: string; name: string; retired: boolean };

/**
 * Disposition's section commands as a stand-in over an in-memory list per office, with the same
 * answers as the real ones (disposition's own int spec checks those on Postgres).
 */
export function sectionsStandIn() {
  const offices = new Map<string, Map<string, StoredSection>>();
  const of = (office: string): Map<string, StoredSection> => {
    const sections = offices.get(office) ?? new Map<string, StoredSection>();
    offices.set(office, sections);
    return sections;
  };
  const found = (office: string, code: string) => {
    const section = of(office).get(code);
    if (!section) throw new ServiceError('not-found', 'SECTION.NOT_FOUND', `no section ${code}`);
    return section;
  };
  const standIn = new StandIn(DispositionService, {
    listSections: (r) => ({ sections: [...of(r.officeCode).values()].filter((s) => r.includeRetired || !s.retired) }),
    addSection: (r) => {
      const existing = of(r.officeCode).get(r.code);
      if (existing && !existing.retired && existing.name === r.name) return { section: existing, changed: false };
      if (existing) throw new ServiceError('conflict', 'SECTION.CODE_TAKEN', `section ${r.code} exists`);
      const section = { code: r.code, name: r.name, retired: false };
      of(r.officeCode).set(r.code, section);
      return { section, changed: true };
    },
    renameSection: (r) => {
      const section = found(r.officeCode, r.code);
      if (section.retired) throw new ServiceError('conflict', 'SECTION.RETIRED', `section ${r.code} is retired`);
      const previousName = section.name;
      section.name = r.name;
      return { section, changed: previousName !== r.name, previousName };
    },
    retireSection: (r) => {
      const section = found(r.officeCode, r.code);
      const changed = !section.retired;
      section.retired = true;
      return { section, changed };
    },
  });
  return Object.assign(standIn, { seed: (office: string, code: string, name: string) => of(office).set(code, { code, name, retired: false }) });
}

/** What the office-administration suites share: a gateway whose disposition is {@link sectionsStandIn}, and the heads of BLP and JKT. */
export interface AdminSuite {
  gateway: TestGateway;
  sections: ReturnType<typeof sectionsStandIn>;
  head: LoggedInOfficer;
  otherHead: LoggedInOfficer;
}

export function adminSuite(): AdminSuite {
  const suite = { sections: sectionsStandIn() } as AdminSuite;
  let isolation: GatewayIsolation | undefined;
  beforeAll(async () => {
    await suite.sections.start();
    suite.sections.seed('BLP', 'INTELDAKIM', 'Seksi Inteldakim');
    suite.sections.seed('BLP', 'LANTASKIM', 'Seksi Lalu Lintas Keimigrasian');
    suite.sections.seed('JKT', 'INTELDAKIM', 'Seksi Inteldakim');
    isolation = await isolate();
    suite.gateway = await startGateway({ disposition: suite.sections.address }, isolation);
    suite.head = await suite.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' });
    suite.otherHead = await suite.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' });
  });
  afterAll(async () => {
    await suite.gateway?.stop();
    await suite.sections.stop();
    await removeIsolation(isolation);
  });
  return suite;
}

/** The gateway's API for one token, with PATCH and an Idempotency-Key on every POST unless one is given. */
export function adminApi(gateway: TestGateway, token: string) {
  const base = api(gateway, token);
  return {
    ...base,
    post: (path: string, body: unknown, key: string = randomUUID()) => base.post(path, body, { 'Idempotency-Key': key }),
    patch: (path: string, body: unknown) =>
      fetch(`${gateway.baseUrl}/api/v1${path}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }),
  };
}

export { loginAs };
