import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  COMPLAINT_EVENTS_TOPIC,
  DispositionInstruction,
  DispositionService,
  type DisposeComplaintRequestSchema,
  type DisposeComplaintResponse,
  type ListSectionsResponse,
  type RespondAsSectionRequestSchema,
  type RespondAsSectionResponse,
} from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger } from '@pengaduan/runtime';
import {
  dropSchema,
  GrpcTestClient,
  historyUntil,
  IntakeScreenStandIn,
  randomOfficeCode,
  refusal,
  startGroupAtEnd,
  startTestService,
  testInfrastructure,
  uniqueSchemaName,
  uniqueSuffix,
  type MethodsOf,
} from '@pengaduan/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { removeTestGroup, seedComplaint, TEST_SECTIONS } from './__fixtures__/disposition-test-kit';
import { officeYear } from './disposition-sheet/sheet-number';
import { DispositionModule } from './disposition.module';
import { dispositionService } from './service-entry';
import { addSection } from './sections/section-list';

const infra = testInfrastructure();
const schema = uniqueSchemaName('disposition_grpc');
const groupId = `disposition-grpc-test-${uniqueSuffix()}`;
const office = randomOfficeCode();
let app: INestApplicationContext;
let runtime: ServiceRuntime;
let client: GrpcTestClient<MethodsOf<typeof DispositionService>>;
let intake: IntakeScreenStandIn;

beforeAll(async () => {
  await startGroupAtEnd(groupId, COMPLAINT_EVENTS_TOPIC);
  intake = await new IntakeScreenStandIn().start();
  const infraConfig = { databaseUrl: infra.databaseUrl, databaseSchema: schema, kafkaBrokers: infra.kafkaBrokers };
  const config = { ...infraConfig, httpHost: '127.0.0.1', httpPort: 0, grpcAddress: '127.0.0.1:0', intakeGrpcUrl: intake.address };
  const logger = createLogger('disposition-grpc-test', 'silent');
  const service = await startTestService(
    dispositionService,
    config,
    DispositionModule.forRoot(config, logger, { stateConsumer: { groupId, maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } } }),
    logger,
  );
  app = service.app;
  runtime = app.get(ServiceRuntime);
  await runtime.ready();
  for (const s of TEST_SECTIONS) await addSection(runtime.dataSource.manager, { officeCode: office, ...s });
  client = new GrpcTestClient(DispositionService, service.grpcAddress);
});

afterAll(async () => {
  client?.close();
  await app?.close();
  await intake?.stop();
  await dropSchema(schema);
  await removeTestGroup(groupId);
});

type DisposeInit = MessageInitShape<typeof DisposeComplaintRequestSchema>;
const dispose = (r: DisposeInit): Promise<DisposeComplaintResponse> => client.call('disposeComplaint', r);
const respond = (r: MessageInitShape<typeof RespondAsSectionRequestSchema>): Promise<RespondAsSectionResponse> =>
  client.call('respondAsSection', r);
const listSections = (officeCode: string): Promise<ListSectionsResponse> => client.call('listSections', { officeCode });

function context(complaintId: string, actor: { role: string; userId: string; sectionCode?: string }, actorOffice = office) {
  return { requestId: randomUUID(), complaintId, actor: { ...actor, officeCode: actorOffice } };
}

const kakan = { role: 'KEPALA_KANTOR', userId: 'u-kakan-1' };

interface ContextInit {
  requestId: string;
  complaintId: string;
  actor?: { role: string; userId: string; sectionCode?: string; officeCode?: string };
}

function disposeRequest(
  complaintId: string,
  overrides: { sectionCodes?: string[]; instructions?: DispositionInstruction[]; context?: ContextInit } = {},
): DisposeInit {
  const { sectionCodes = ['INTELDAKIM', 'LANTASKIM'], instructions = [DispositionInstruction.TINDAK_LANJUTI], context: ctx = context(complaintId, kakan) } = overrides;
  return {
    context: ctx,
    lines: sectionCodes.map((sectionCode) => ({ sectionCode, instructions })),
    note: 'Mohon ditindaklanjuti',
  };
}

async function confirmedComplaint(): Promise<string> {
  const history = historyUntil('CONFIRMED', { officeCode: office });
  await seedComplaint(runtime, history);
  return history.complaintId;
}

describe('DispositionService over gRPC', () => {
  it('lists the sections of BLP', async () => {
    const { sections } = await listSections('BLP');
    expect(sections.map((s) => s.code)).toEqual(['TATA_USAHA', 'LANTASKIM', 'INTELDAKIM', 'INTALTUSKIM', 'TIKKIM']);
  });

  it('the head of office dispositions, the sections respond, and the complaint goes back to Admin Tikkim', async () => {
    const complaintId = await confirmedComplaint();

    const disposed = await dispose(disposeRequest(complaintId));
    expect(disposed.sheetNumber).toBe(`LD/${office}/${officeYear(new Date())}/000001`);
    expect(disposed.outcome).toMatchObject({ complaintId, status: 'DISPOSED' });

    const first = await respond({ context: context(complaintId, { role: 'SEKSI_TERKAIT', userId: 'u-intel', sectionCode: 'INTELDAKIM' }), sectionCode: 'INTELDAKIM', response: 'Sudah diperiksa.' });
    const last = await respond({ context: context(complaintId, { role: 'SEKSI_TERKAIT', userId: 'u-lantas', sectionCode: 'LANTASKIM' }), sectionCode: 'LANTASKIM', response: 'Petugas ditegur.' });
    expect([first.outcome?.status, last.outcome?.status, last.outcome?.eventIds.length]).toEqual(['DISPOSED', 'SECTION_PROCESSED', 2]);
  });

  it('answers INVALID_ARGUMENT naming lines[i].sectionCode for a section the office does not have', async () => {
    const complaintId = await confirmedComplaint();
    const error = await refusal(dispose(disposeRequest(complaintId, { sectionCodes: ['INTELDAKIM', 'TIKKIM'] })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'DISPOSITION.UNKNOWN_SECTION' });
    expect(error.details.fieldViolations).toEqual([{ field: 'lines[1].sectionCode', description: `TIKKIM is not an active section of office ${office}` }]);
  });

  it('answers FAILED_PRECONDITION with the state for a complaint not yet confirmed', async () => {
    const received = historyUntil('RECEIVED', { officeCode: office });
    await seedComplaint(runtime, received);
    const error = await refusal(dispose(disposeRequest(received.complaintId)));
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'RECEIVED' } });
  });

  it('answers PERMISSION_DENIED to Admin Tikkim, NOT_FOUND to another office, UNAUTHENTICATED without an officer', async () => {
    const complaintId = await confirmedComplaint();
    const admin = await refusal(dispose(disposeRequest(complaintId, { context: context(complaintId, { role: 'ADMIN_TIKKIM', userId: 'u-admin' }) })));
    const elsewhere = await refusal(dispose(disposeRequest(complaintId, { context: context(complaintId, kakan, randomOfficeCode()) })));
    const nobody = await refusal(dispose(disposeRequest(complaintId, { context: { requestId: randomUUID(), complaintId } })));
    expect([admin.kind, elsewhere.kind, nobody.kind]).toEqual(['forbidden', 'not-found', 'unauthenticated']);
  });

  it('answers INVALID_ARGUMENT for an unset instruction and for a malformed office code', async () => {
    const complaintId = await confirmedComplaint();
    const instruction = await refusal(dispose(disposeRequest(complaintId, { sectionCodes: ['INTELDAKIM'], instructions: [DispositionInstruction.UNSPECIFIED] })));
    const officeCode = await refusal(listSections('blp'));
    expect(instruction.details.fieldViolations?.map((v) => v.field)).toEqual(['lines[0].instructions[0]']);
    expect(officeCode.details.fieldViolations?.map((v) => v.field)).toEqual(['officeCode']);
  });
});
