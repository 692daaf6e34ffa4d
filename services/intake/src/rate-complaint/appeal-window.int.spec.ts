import { create } from '@bufbuild/protobuf';
import { GetAppealWindowRequestSchema, SetAppealWindowRequestSchema } from '@pengaduan/contracts';
import { DEFAULT_APPEAL_WINDOW_DAYS } from '@pengaduan/sop';
import { randomOfficeCode, refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { startIntakeKit, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { AppealWindows } from './appeal-window';
import { AppealWindowGrpcController } from './appeal-window.grpc.controller';
import { appealWindowDays } from './complaint-feedback.handler';

// The office's appeal window (docs/adr/0053) as intake keeps it, on real Postgres: through the
// gRPC controller the gateway calls, and read by the rating's decision.

let kit: IntakeKit;
let grpc: AppealWindowGrpcController;

beforeAll(async () => {
  kit = await startIntakeKit();
  grpc = new AppealWindowGrpcController(new AppealWindows(kit.runtime, kit.clock));
});
afterAll(async () => {
  await kit?.stop();
});

const headOf = (officeCode: string) => ({ userId: `kakan-${officeCode}`, role: 'KEPALA_KANTOR', officeCode });
const set = (officeCode: string, days: number, options: { actor?: ReturnType<typeof headOf>; requestKey?: string; expectedVersion?: number } = {}) =>
  grpc.set(create(SetAppealWindowRequestSchema, { officeCode, days, actor: options.actor ?? headOf(officeCode), requestKey: options.requestKey ?? randomUUID(), ...(options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }) }));
const windowOf = async (officeCode: string) => (await grpc.get(create(GetAppealWindowRequestSchema, { officeCode }))).window;

describe("the office's appeal window", () => {
  it('is the default until the head of office sets it; the rating then decides with it, another office keeps the default', async () => {
    const office = randomOfficeCode();
    expect(await windowOf(office)).toEqual({ days: DEFAULT_APPEAL_WINDOW_DAYS, version: 0 });
    const key = randomUUID();
    const answer = await set(office, 3, { requestKey: key, expectedVersion: 0 });
    expect(answer).toMatchObject({ changed: true, window: { days: 3, version: 1 }, previous: { days: DEFAULT_APPEAL_WINDOW_DAYS, version: 0 } });
    // The same request again answers the same and records nothing; the window already in force records nothing either.
    expect(await set(office, 3, { requestKey: key, expectedVersion: 0 })).toMatchObject({ changed: false, window: { days: 3, version: 1 } });
    expect(await set(office, 3)).toMatchObject({ changed: false, window: { days: 3, version: 1 } });
    await kit.runtime.dataSource.transaction(async (tx) => {
      expect(await appealWindowDays(tx, office)).toBe(3);
      expect(await appealWindowDays(tx, randomOfficeCode())).toBe(DEFAULT_APPEAL_WINDOW_DAYS);
    });
    expect(await set(office, 0)).toMatchObject({ changed: true, window: { days: 0, version: 2 } });
    const rows = (await kit.runtime.dataSource.query('SELECT version, appeal_window_days FROM office_appeal_window_version WHERE office_code = $1 ORDER BY version', [office])) as unknown[];
    expect(rows).toEqual([{ version: 1, appeal_window_days: 3 }, { version: 2, appeal_window_days: 0 }]);
    await expect(kit.runtime.dataSource.query('UPDATE office_appeal_window_version SET appeal_window_days = 9 WHERE office_code = $1', [office])).rejects.toThrow(/append-only/);
  });

  it('refuses a stale version, a key reused for other days, days outside 0-365, and anyone but the head of that office', async () => {
    const office = randomOfficeCode();
    const key = randomUUID();
    await set(office, 20, { requestKey: key });
    expect(await refusal(set(office, 21, { expectedVersion: 0 }))).toMatchObject({ code: 'APPEAL_WINDOW.VERSION_CONFLICT' });
    expect(await refusal(set(office, 22, { requestKey: key }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    for (const days of [-1, 366]) {
      expect(await refusal(set(office, days))).toMatchObject({ code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'days' }] } });
    }
    const other = randomOfficeCode();
    for (const actor of [{ ...headOf(office), role: 'ADMIN_TIKKIM' }, headOf(other)]) {
      expect(await refusal(set(office, 1, { actor }))).toMatchObject({ code: 'APPEAL_WINDOW.FORBIDDEN_ROLE' });
    }
    expect(await windowOf(office)).toMatchObject({ days: 20, version: 1 });
  });
});
