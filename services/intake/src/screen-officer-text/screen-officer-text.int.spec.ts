import { IntakeService } from '@pengaduan/contracts';
import { createLogger, startGrpcMicroservice, UpstreamClient, type GrpcMicroservice, type MethodsOf } from '@pengaduan/runtime';
import { randomUUID } from 'node:crypto';
import { actors, by, registerComplaint, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { ScreenOfficerTextGrpcController } from './screen-officer-text.grpc.controller';
import { ScreenOfficerTextHandler } from './screen-officer-text.handler';

// docs/adr/0023: the command services ask intake, over its gRPC API, whether an officer's texts
// give the complaint's reporter away; intake answers by the same rule as its own confirmation.
const logger = createLogger('intake-screen-test', 'silent');
const reporter = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id', handle: '@siti_rahayu' };
let kit: IntakeKit;
let server: GrpcMicroservice;
let intake: UpstreamClient<MethodsOf<typeof IntakeService>>;
let complaintId: string;

beforeAll(async () => {
  kit = await startIntakeKit();
  // intake's controller of the method, over real gRPC as intake serves it, on the kit's handler.
  server = await startGrpcMicroservice({ address: '127.0.0.1:0', services: [IntakeService] }, logger, [ScreenOfficerTextGrpcController], [
    { provide: ScreenOfficerTextHandler, useValue: new ScreenOfficerTextHandler(kit.runtime, kit.cipher) },
  ]);
  // The client every command service uses.
  intake = new UpstreamClient('intake', IntakeService, server.address, logger);
  complaintId = await registerComplaint(kit, { contact: reporter });
});

afterAll(async () => {
  intake?.close();
  await server?.close();
  await kit?.stop();
});

const screen = (texts: { field: string; text: string }[], officeCode = kit.office, id = complaintId) =>
  intake.call('screenOfficerText', { complaintId: id, officeCode, texts }, randomUUID());

describe('intake screens an officer’s texts for the reporter’s contact', () => {
  it.each([
    ['phone', 'Hubungi pelapor di 0812 3456 7890'],
    ['phone', 'WA +62 812-3456-7890 sudah dihubungi'],
    ['phone', 'nomor (0812) 3456.7890'],
    ['name', 'Pelapor, SITI   rahayu, hadir di loket'],
    ['email', 'Surel Siti.Rahayu@Example.id sudah dibalas'],
    ['handle', 'akun siti_rahayu di Instagram'],
  ])('refuses a text giving away the reporter’s %s: "%s"', async (part, text) => {
    await expect(screen([{ field: 'lines[1].note', text }])).rejects.toMatchObject({
      kind: 'invalid',
      code: 'COMPLAINT.PERSONAL_DATA',
      details: { fieldViolations: [{ field: 'lines[1].note', description: `must not contain the reporter's ${part}: it is recorded in the complaint's events and documents` }] },
    });
  });

  it('names every field that gives the reporter away, and only those, in one refusal', async () => {
    const refused = screen([
      { field: 'findings', text: 'Pelapor Siti Rahayu dimintai uang' },
      { field: 'recommendation', text: 'Bentuk tim penanganan aduan' },
      { field: 'members[0].position', text: 'Pendamping 081234567890' },
    ]);

    await expect(refused).rejects.toMatchObject({
      message: 'findings, members[0].position give away the reporter',
      details: { fieldViolations: [{ field: 'findings', description: expect.stringContaining('name') }, { field: 'members[0].position', description: expect.stringContaining('phone') }] },
    });
  });

  it('accepts texts that give nothing away, and no texts at all', async () => {
    await expect(screen([{ field: 'reason', text: 'Aduan terbukti; petugas loket 3 ditegur (ext. 1234)' }, { field: 'note', text: '' }])).resolves.toEqual(expect.anything());
    await expect(screen([])).resolves.toEqual(expect.anything());
  });

  it('accepts anything for a reporter who left no contact', async () => {
    const anonymous = await registerComplaint(kit, { contact: undefined });
    await expect(screen([{ field: 'text', text: 'Yth. Siti Rahayu, 0812 3456 7890' }], kit.office, anonymous)).resolves.toEqual(expect.anything());
  });

  it('does not find a complaint of another office, or none at all (NOT_FOUND)', async () => {
    const texts = [{ field: 'note', text: 'Siti Rahayu' }];
    await expect(screen(texts, 'ZZZZZ')).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    await expect(screen(texts, kit.office, randomUUID())).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    await expect(screen(texts, kit.office, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
  });
});

describe('intake’s own commands screen by the same rule', () => {
  it('refuses a dismissal whose other office names the reporter (belongsTo), and records nothing', async () => {
    const id = await registerComplaint(kit, { contact: reporter });

    const refused = kit.dismiss.execute({ ...by(kit, actors.admin, id), reason: 'NOT_OUR_AUTHORITY', belongsTo: 'Kanim Batam, ke Siti Rahayu' });

    await expect(refused).rejects.toMatchObject({ code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'belongsTo' }] } });
    expect((await stateOf(kit, id))?.status).toBe('RECEIVED');
  });
});
