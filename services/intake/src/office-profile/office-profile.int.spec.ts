// The office's profile (docs/adr/0048) on intake as main.ts runs it (its own schema on the run's
// Postgres), asked over real gRPC as the gateway and the services that render documents ask it:
// the file's profile until the head of office changes it, then versions, append-only; a stale
// version refused, the same content no new version, a retry answered the same, each office its own.
import type { MessageInitShape } from '@bufbuild/protobuf';
import { Channel, type IntakeService, type OfficeProfileFieldsSchema } from '@pengaduan/contracts';
import type { ServiceRuntime } from '@pengaduan/messaging';
import { SettableClock } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { randomOfficeCode, refusal, storedDocument, type GrpcTestClient, type MethodsOf } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { startIntakeOverGrpc, type IntakeOverGrpc } from '../__fixtures__/intake-over-grpc';
import { contact } from '../__fixtures__/intake-test-kit';

let intake: IntakeOverGrpc;
let runtime: ServiceRuntime;
let client: GrpcTestClient<MethodsOf<typeof IntakeService>>;

beforeAll(async () => {
  intake = await startIntakeOverGrpc('intake_office_profile', new SettableClock(new Date('2026-12-08T02:00:00Z')));
  ({ client, runtime } = intake);
});

afterAll(() => intake?.stop());

const head = (officeCode: string) => ({ userId: `u-kakan-${officeCode.toLowerCase()}`, role: 'KEPALA_KANTOR', officeCode });

function fieldsOf(officeCode: string, overrides: Partial<MessageInitShape<typeof OfficeProfileFieldsSchema>> = {}): MessageInitShape<typeof OfficeProfileFieldsSchema> {
  return {
    ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
    parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Direktorat Jenderal Imigrasi Kepulauan Riau'],
    name: `Kantor Imigrasi Kelas II TPI ${officeCode}`,
    address: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam',
    city: 'Belakang Padang',
    phone: '(0778) 311234',
    email: 'kanim@imigrasi.go.id',
    website: 'https://belakangpadang.imigrasi.go.id',
    ...overrides,
  };
}

const update = (officeCode: string, expectedVersion: number, fields: MessageInitShape<typeof OfficeProfileFieldsSchema>, requestId = randomUUID(), actor = head(officeCode)) =>
  client.call('updateOfficeProfile', { actor, requestId, expectedVersion, fields });

async function versionsOf(officeCode: string): Promise<number[]> {
  const rows = (await runtime.dataSource.query('SELECT version FROM office_profile_version WHERE office_code = $1 ORDER BY version', [officeCode])) as { version: number }[];
  return rows.map((r) => r.version);
}

describe('the office profile in force', () => {
  it("is the file's until the head of office changes it: BLP's built-in one, another office the template's", async () => {
    const blp = await client.call('getOfficeProfile', { officeCode: 'BLP' });
    expect(blp).toMatchObject({ version: 0, source: 'file', profile: { code: 'BLP', name: 'Kantor Imigrasi Kelas II TPI Belakang Padang', city: 'Belakang Padang' } });
    expect(blp.changedAt).toBeUndefined();
    const office = randomOfficeCode();
    expect(await client.call('getOfficeProfile', { officeCode: office })).toMatchObject({ version: 0, source: 'file', profile: { code: office, name: `Kantor Imigrasi ${office}` } });
    expect(await refusal(client.call('getOfficeProfile', { officeCode: 'blp; DROP' }))).toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'officeCode' }] } });
  });

  it('becomes each version the head of office saves, over the file’s legal basis; the previous one is answered for the log', async () => {
    const office = randomOfficeCode();
    const before = (await client.call('getOfficeProfile', { officeCode: office })).profile;

    const first = await update(office, 0, fieldsOf(office));
    expect(first).toMatchObject({ version: 1, changed: true, source: 'office', profile: { code: office, name: `Kantor Imigrasi Kelas II TPI ${office}`, phone: '(0778) 311234' }, previous: { name: `Kantor Imigrasi ${office}`, phone: '' } });
    expect(first.profile?.legalBasis).toEqual(before?.legalBasis);
    expect(first.changedAt).toBeDefined();

    // The phone and website left empty: none on the letterhead any more.
    const second = await update(office, 1, fieldsOf(office, { address: 'Jl. Imam Bonjol No. 7, Batam', phone: '', website: '' }));
    expect(second).toMatchObject({ version: 2, changed: true, profile: { address: 'Jl. Imam Bonjol No. 7, Batam', phone: '', website: '', email: 'kanim@imigrasi.go.id' }, previous: { address: 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam' } });
    expect(await client.call('getOfficeProfile', { officeCode: office })).toMatchObject({ version: 2, source: 'office', profile: second.profile });
    expect(await versionsOf(office)).toEqual([1, 2]);
    // Append-only: no version is ever rewritten.
    await expect(runtime.dataSource.query('UPDATE office_profile_version SET version = 9 WHERE office_code = $1', [office])).rejects.toThrow(/append-only/);
  });

  it('trims what is saved and makes no version for the same content again, whatever version is named', async () => {
    const office = randomOfficeCode();
    await update(office, 0, fieldsOf(office));
    const again = await update(office, 0, fieldsOf(office, { name: `  Kantor Imigrasi Kelas II TPI ${office} ` }));
    expect(again).toMatchObject({ version: 1, changed: false, source: 'office' });
    expect(await versionsOf(office)).toEqual([1]);
  });

  it('refuses a change made on a version that is not the newest any more, naming the current one', async () => {
    const office = randomOfficeCode();
    await update(office, 0, fieldsOf(office));
    await update(office, 1, fieldsOf(office, { city: 'Batam' }));
    const stale = await refusal(update(office, 1, fieldsOf(office, { city: 'Tanjung Pinang' })));
    expect(stale).toMatchObject({ kind: 'conflict', code: 'OFFICE_PROFILE.VERSION_CONFLICT', details: { version: 2 } });
    expect((await client.call('getOfficeProfile', { officeCode: office })).profile?.city).toBe('Batam');
  });

  it('lets one of two heads of office saving on the same version at once win; the other is told', async () => {
    const office = randomOfficeCode();
    const both = await Promise.allSettled([update(office, 0, fieldsOf(office, { city: 'Batam' })), update(office, 0, fieldsOf(office, { city: 'Dabo' }))]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = both.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'OFFICE_PROFILE.VERSION_CONFLICT', details: { version: 1 } });
    expect(await versionsOf(office)).toEqual([1]);
  });

  it('answers a retry with the same request id as the first time, and refuses the id for other content', async () => {
    const office = randomOfficeCode();
    const requestId = randomUUID();
    const first = await update(office, 0, fieldsOf(office), requestId);
    await update(office, 1, fieldsOf(office, { city: 'Batam' }));
    expect(await update(office, 0, fieldsOf(office), requestId)).toEqual(first);
    expect(await refusal(update(office, 0, fieldsOf(office, { city: 'Dabo' }), requestId))).toMatchObject({ kind: 'idempotency-mismatch', code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await versionsOf(office)).toEqual([1, 2]);
  });

  it("changes the acting officer's own office only", async () => {
    const [a, b] = [randomOfficeCode(), randomOfficeCode()];
    await update(a, 0, fieldsOf(a, { city: 'Kota A' }));
    await update(b, 0, fieldsOf(b, { city: 'Kota B' }));
    expect((await client.call('getOfficeProfile', { officeCode: a })).profile?.city).toBe('Kota A');
    expect((await client.call('getOfficeProfile', { officeCode: b })).profile).toMatchObject({ city: 'Kota B', name: `Kantor Imigrasi Kelas II TPI ${b}` });
    expect([await versionsOf(a), await versionsOf(b)]).toEqual([[1], [1]]);
  });

  it('refuses any other role, an unnamed officer, and names every field that breaks its rule', async () => {
    const office = randomOfficeCode();
    for (const role of ['ADMIN_TIKKIM', 'SEKSI_TERKAIT', 'AUDITOR', 'KEPALA_SEKSI_TI']) {
      expect(await refusal(update(office, 0, fieldsOf(office), randomUUID(), { ...head(office), role }))).toMatchObject({ kind: 'forbidden', code: 'OFFICE_PROFILE.FORBIDDEN_ROLE' });
    }
    expect(await refusal(client.call('updateOfficeProfile', { requestId: randomUUID(), expectedVersion: 0, fields: fieldsOf(office) }))).toMatchObject({ kind: 'unauthenticated' });

    const invalid = await refusal(
      update(
        office,
        0,
        fieldsOf(office, {
          name: ' ',
          ministry: 'x'.repeat(FIELD_RULES.officeMinistry.maxLength + 1),
          parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah\nKepulauan Riau'],
          address: 'x'.repeat(100_000),
          city: 'Belakang\u0007Padang',
          phone: 'hubungi kami',
          email: 'kanim@',
          website: 'javascript:alert(1)',
        }),
      ),
    );
    expect(invalid).toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID' });
    expect(invalid.details.fieldViolations?.map((v) => v.field)).toEqual(['ministry', 'name', 'address', 'city', 'parentUnits[1]', 'phone', 'email', 'website']);
    const tooMany = await refusal(update(office, 0, fieldsOf(office, { parentUnits: Array.from({ length: FIELD_RULES.officeParentUnits.maxItems + 1 }, (_, i) => `Unit ${i}`) })));
    expect(tooMany.details.fieldViolations?.map((v) => v.field)).toEqual(['parentUnits']);
    expect(await versionsOf(office)).toEqual([]);
  });
});

describe("intake's own documents", () => {
  it('print the profile in force when they are made; one made before keeps its letterhead', async () => {
    const office = randomOfficeCode();
    const register = () =>
      client.call('registerComplaint', { requestId: randomUUID(), officeCode: office, channel: Channel.PHONE, text: 'Antrean paspor sangat panjang.', contact, anonymous: false, actor: { userId: 'u-admin-1', role: 'ADMIN_TIKKIM', officeCode: office } });
    const before = await register();
    await update(office, 0, fieldsOf(office, { name: `Kantor Imigrasi Kelas I ${office}`, address: 'Jl. Baru No. 2, Batam' }));
    const after = await register();

    const letterheadOf = async (complaintId: string) => {
      const doc = await storedDocument(runtime.dataSource, complaintId, 'LAPORAN_ADUAN');
      expect(doc?.intact).toBe(true);
      return doc?.text().flat ?? '';
    };
    const [old, fresh] = [await letterheadOf(before.complaintId), await letterheadOf(after.complaintId)];
    expect(old).toContain(`KANTOR IMIGRASI ${office}`);
    expect(old).not.toContain('Jl. Baru No. 2');
    expect(fresh).toContain(`KANTOR IMIGRASI KELAS I ${office}`);
    // (The contact line wraps after the website's scheme.)
    expect(fresh).toContain('Jl. Baru No. 2, Batam; Telepon (0778) 311234; Pos-el kanim@imigrasi.go.id; Laman https://');
  });
});
