import { ServiceError } from '@pengaduan/runtime';
import { hostileJsonText, jsonKeys, mutatedJson, PROTOTYPE_KEYS } from '@pengaduan/testing';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { PATH_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage, validateSync } from 'class-validator';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toProblem } from './problem-details.filter';
import { createValidationPipe, INVALID_REQUEST } from './validation';

/*
 * Property-based fuzzing of every REST request body (issue 13, item 10): each DTO a controller
 * takes with @Body() goes through the gateway's own ValidationPipe (createValidationPipe, the
 * APP_PIPE of gateway.module.ts), as Nest calls it for a body, on arbitrary JSON: the DTO's own
 * fields with arbitrary values, fields left out and added (`__proto__` and other
 * Object.prototype keys among them), nested junk, huge strings, numbers as strings, values
 * thousands deep, and bodies that are no object at all. Property: the pipe either accepts, and
 * then the value is an instance of the DTO that validates again with no error and has only the
 * DTO's fields, or it rejects with the gateway's 400 (REQUEST.INVALID) whose errors each name a
 * field; never another exception.
 *
 * The DTOs are read from the controllers' route metadata, and that list is checked against
 * what `@Body() x: Type` in the controllers' source says, so a new body cannot be missed.
 */

const SEED = 20261206;
const RUNS = 1000;
const SRC = join(__dirname, '..');

type Dto = new (...args: never[]) => object;

/** Every controller file of the gateway. */
function controllerFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : controllerFiles(path);
    return /\.controller\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The @Body() DTO of every route, from Nest's metadata: `<file>#<Controller>.<method>` → DTO. */
function bodiesFromMetadata(): Map<string, Dto> {
  const bodies = new Map<string, Dto>();
  for (const file of controllerFiles()) {
    const exports = require(file) as Record<string, unknown>;
    for (const controller of Object.values(exports)) {
      if (typeof controller !== 'function' || Reflect.getMetadata(PATH_METADATA, controller) === undefined) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Dto[];
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.BODY) continue;
          bodies.set(`${relative(SRC, file)}#${controller.name}.${method}`, paramTypes[arg.index]);
        }
      }
    }
  }
  return bodies;
}

/** What the source says: `@Body() body: Type` (and `@Body('x') …`) in every controller file. */
function bodiesFromSource(): string[] {
  return controllerFiles()
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/@Body\(([^)]*)\)\s*\w+\??\s*:\s*(\w+)/g)].map((m) => m[2]))
    .sort();
}

const ROUTES = bodiesFromMetadata();
const DTOS = [...new Set(ROUTES.values())].sort((a, b) => a.name.localeCompare(b.name));

/*
 * A valid body of each DTO (the examples of command-bodies.unit.spec.ts and the OpenAPI
 * examples): the mutations start from it, so the fuzzing reaches past the first bad field.
 * A new body DTO must add one here (the test below says so).
 */
const member = { name: 'Budi Santoso', nip: '198503122010121002', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA', userId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' };
const VALID: Record<string, Record<string, unknown>> = {
  AddNoteBody: { text: 'Rekaman CCTV loket 3 sudah diminta.' },
  AddOfficerBody: { username: 'rina.kartika', displayName: 'Rina Kartika', nip: '198001012005012001', position: 'Analis', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', password: 'a-new-longer-secret', secondFactorRequired: true },
  AddSectionBody: { code: 'TIKKIM', name: 'Seksi Tikkim' },
  ChangeOfficerBody: { role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', position: 'Analis', secondFactorRequired: false },
  AnalyzeComplaintBody: { findings: 'Terbukti', substantiated: 'PARTLY', classificationCode: '01', severity: 'HIGH', recommendation: 'Bentuk tim' },
  AssignComplaintBody: { userId: '0190f5d2-7c1e-7a8b-9c3d-4e5f60718293' },
  AppendMessageBody: { text: 'Pelapor menelepon lagi: kejadiannya di loket 3.' },
  ChangePasswordBody: { currentPassword: 'old-secret', newPassword: 'a-new-longer-secret' },
  ContactReadBody: { purpose: 'BREAK_GLASS', reason: 'Pemeriksaan internal atas dugaan pungutan liar.' },
  ContactCorrectionBody: { reason: 'Nomor telepon pelapor sudah berganti.', contact: { name: 'Siti Rahma', phone: '+6281311112222' } },
  ContactRestrictionBody: { reason: 'Pelapor meminta pembatasan pemrosesan.' },
  ConfirmComplaintBody: { classificationCode: '03', summary: 'Pungutan di loket', anonymous: false, confidential: true },
  ConfirmTotpBody: { code: '123456' },
  ConfirmDeliveryBody: { method: 'PHONE_CALL', deliveredAt: '2026-03-17T10:15:00+07:00', note: 'ditelepon' },
  DecideFollowUpBody: { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti' },
  DisableTotpBody: { password: 'secret', code: '123456' },
  DiscardProblemMessageBody: { reason: 'Permintaan uji dari penyedia' },
  HandOverDataRequestBody: { how: 'Diserahkan langsung di loket' },
  DismissComplaintBody: { reason: 'DUPLICATE', duplicateOf: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', belongsTo: 'Kantor Imigrasi Batam', note: 'sama' },
  PersonalDataErasureBody: { reason: 'REQUEST' },
  DisposeComplaintBody: {
    lines: [
      { sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'] },
      { sectionCode: 'LANTASKIM', instructions: ['UNTUK_DIKETAHUI'], note: 'x' },
    ],
    note: 'Segera',
  },
  IssueTeamDecreeBody: { decreeDate: '2026-03-16', members: [member], mandate: 'Periksa', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' },
  LoginBody: { username: 'admin.tikkim', password: 'secret' },
  LoginSecondFactorBody: { challenge: 'eyJhbGciOiJIUzI1NiJ9.e30.x', code: '123456' },
  LogoutBody: { everywhere: true },
  OfficeProfileBody: {
    ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
    parentUnits: ['Direktorat Jenderal Imigrasi'],
    name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
    address: 'Jl. Hang Tuah No. 1',
    city: 'Belakang Padang',
    phone: '(0778) 311234',
    email: 'kanim@imigrasi.go.id',
    website: 'belakangpadang.imigrasi.go.id',
  },
  RedriveGroupBody: { group: 'notification' },
  RenameSectionBody: { name: 'Seksi Teknologi Informasi' },
  RegisterDataRequestBody: { trackingNumber: 'BLP-2026-000123', verification: 'IN_PERSON', identityDocumentKind: 'KTP' },
  RegisterComplaintBody: {
    officeCode: 'BLP',
    // A LAPOR! complaint with its report number (docs/adr/0055), so the number is fuzzed too.
    channel: 'LAPOR',
    laporReportNumber: '6123456',
    text: 'Ada pungutan tambahan',
    contact: { name: 'Siti Rahma', phone: '+6281234567890', email: 'siti@example.id', handle: '@sitirahma' },
    anonymous: false,
    confidential: false,
    receivedAt: '2026-03-14T09:05:00+07:00',
  },
  ResetPasswordBody: { password: 'a-new-longer-secret' },
  // The office's message texts (docs/adr/0050).
  ResetMessageTemplateBody: { variant: 'TRACKING_PIN' },
  SetMessageTemplateBody: { variant: 'STANDARD', body: 'Aduan Anda kami terima dengan nomor {nomor}.' },
  // The office's status messages (docs/adr/0054).
  SetStatusMessagesBody: { items: [{ purpose: 'STATUS_DISPOSED', enabled: false }] },
  // The office's appeal window (docs/adr/0053).
  SetAppealWindowBody: { days: 30 },
  SetRetentionPolicyBody: { policies: [{ kind: 'CLOSED_COMPLAINT', days: 365 }] },
  RecordCallAttemptBody: { outcome: 'NOT_REACHABLE', retryAt: '2026-03-18T09:00:00+07:00' },
  // After closing (docs/adr/0053).
  RateComplaintBody: { rating: 2, comment: 'Jawaban belum jelas' },
  PublicRatingBody: { trackingNumber: 'BLP-2026-000123', verifier: '7890', rating: 1, comment: 'Belum puas' },
  PublicAppealBody: { trackingNumber: 'BLP-2026-000123', verifier: '7890', reason: 'Biaya belum dijelaskan' },
  AppealComplaintBody: { reason: 'Biaya tambahan belum dijelaskan' },
  ReviewAppealBody: { decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan' },
  RespondAsSectionBody: { response: 'Sudah diperiksa' },
  SlaPolicyBody: {
    calendar: 'WORKING_CALENDAR',
    timeZone: 'Asia/Jakarta',
    workingHours: { '1': ['07:30-16:00'], '5': ['07:30-11:30', '13:00-16:30'] },
    holidayCalendar: 'ID',
    cutiBersama: 'NON_WORKING',
    extraNonWorkingDays: [{ date: '2026-12-18', name: 'Hari jadi Kota Batam' }],
    deadlineHours: { CONFIRM: 8, SOP_TARGET: 48 },
    warningShare: 0.75,
  },
  TrackComplaintBody: { trackingNumber: 'BLP-2026-000123', verifier: '7890' },
  WriteFollowUpInformationBody: { text: 'Aduan Anda telah ditindaklanjuti.' },
};

/** The property names class-validator knows for a DTO (its whitelist). */
const fieldsOf = (dto: Dto): string[] => [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))];

// ---------------------------------------------------------------------------------------------
// Arbitraries.
// ---------------------------------------------------------------------------------------------

const HOSTILE_TEXTS = [
  'null',
  'true',
  'false',
  '0',
  '-0',
  '1',
  '1e999',
  '1e308',
  '""',
  '" "',
  '"true"',
  '"1"',
  '"0"',
  '"01"',
  '"NaN"',
  '"2026-02-30"',
  '"2026-03-17T24:00:00Z"',
  '"2026-03-17T10:15:00"',
  '"0199A1C2-7B3E-7C4D-9E5F-0A1B2C3D4E5F"',
  '"__proto__"',
  '"constructor"',
  '[]',
  '{}',
  '[null]',
  '[[]]',
  '[{}]',
  '["TINDAK_LANJUTI","TINDAK_LANJUTI"]',
  '{"toString":0,"valueOf":0}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '"\\ud800"',
  '"\\u0000"',
];

const numberText = fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)));
const shortString = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom(...PROTOTYPE_KEYS, 'PHONE', 'WEB', 'KETUA', 'HIGH', 'PARTLY', '03', 'BLP', 'INTELDAKIM'));
/** JSON text of any value, objects keyed with the DTOs' own field names among others. */
function jsonText(keys: readonly string[]): fc.Arbitrary<string> {
  return hostileJsonText(keys, fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), numberText, shortString.map((s) => JSON.stringify(s))), { maxDepth: 4 });
}

/**
 * A body as JSON text; the property parses it as express.json() does (so `__proto__` is an own
 * key). Text rather than values, so that fast-check never walks a value thousands deep itself.
 * `undefined` is a request without a body.
 */
function bodies(dto: Dto): fc.Arbitrary<string | undefined> {
  const valid = VALID[dto.name] ?? {};
  const keys = [...new Set([...fieldsOf(dto), ...jsonKeys(valid)])];
  const value = jsonText(keys);
  const mutated = mutatedJson([valid], value, keys);
  // Only the DTO's own fields, each with any value.
  const ownFields = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }).map((d) => `{${Object.entries(d).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  return fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 3, arbitrary: ownFields },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'null', '""', '"x"', '0', 'true', '[]', `[${JSON.stringify(valid)}]`) },
  );
}


// ---------------------------------------------------------------------------------------------
// The property.
// ---------------------------------------------------------------------------------------------

/** What is wrong with how the pipe answered `body`; [] when it accepted a well-typed DTO or refused with a named field. */
async function problemsOf(dto: Dto, body: unknown): Promise<{ accepted: boolean; problems: string[] }> {
  const inputKeys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  let result: unknown;
  try {
    result = await createValidationPipe().transform(body, { type: 'body', metatype: dto, data: undefined });
  } catch (err) {
    if (!(err instanceof ServiceError) || err.code !== INVALID_REQUEST) return { accepted: false, problems: [`threw ${(err as Error)?.name}: ${String((err as Error)?.message).slice(0, 160)}`] };
    const { problem } = toProblem(err, '/x');
    const problems: string[] = [];
    if (problem.status !== 400) problems.push(`status ${problem.status}`);
    const errors = problem.errors ?? [];
    if (errors.length === 0) problems.push('a refusal that names no field');
    const allowedRoots = new Set([...fieldsOf(dto), ...inputKeys, '(body)', 'body']);
    for (const e of errors) {
      const named = typeof e.field === 'string' && [...allowedRoots].some((root) => e.field === root || e.field.startsWith(`${root}.`));
      if (!named) problems.push(`error for an unexpected field ${JSON.stringify(e.field)}`);
      if (typeof e.message !== 'string' || e.message === '') problems.push(`error without a message for ${e.field}`);
    }
    return { accepted: false, problems };
  }
  const problems: string[] = [];
  if (!(result instanceof dto)) problems.push('accepted, but not an instance of the DTO');
  else {
    const again = validateSync(result, { whitelist: true, forbidNonWhitelisted: true });
    if (again.length > 0) problems.push(`accepted, but does not validate again: ${again.map((e) => e.property).join(', ')}`);
    const own = fieldsOf(dto);
    const extra = Object.keys(result).filter((k) => !own.includes(k));
    if (extra.length > 0) problems.push(`accepted with fields the DTO does not have: ${extra.join(', ')}`);
  }
  return { accepted: true, problems };
}

const OBJECT_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_PROTOTYPE_KEYS);
});

describe('the request bodies of the gateway', () => {
  it('are every DTO a controller takes with @Body(), as the source says', () => {
    expect(DTOS.length).toBeGreaterThanOrEqual(15);
    expect([...ROUTES.values()].map((d) => d.name).sort()).toEqual(bodiesFromSource());
    // Every body has its valid example (add one to VALID for a new DTO).
    expect(DTOS.map((d) => d.name).filter((n) => VALID[n] === undefined)).toEqual([]);
    expect(Object.keys(VALID).sort()).toEqual(DTOS.map((d) => d.name));
  });

  // Found by this fuzzing: class-transformer and the ValidationPipe recursed once per level, so a
  // body a few thousand deep overflowed the stack and was answered 500 (validation.ts now refuses it first).
  it('refuses a body nested 20 000 arrays deep with a 400 naming the field', async () => {
    const deep = JSON.parse(`{"username":${'['.repeat(20_000)}${']'.repeat(20_000)},"password":"x"}`) as unknown;
    expect(await problemsOf(DTOS.find((d) => d.name === 'LoginBody') as Dto, deep)).toEqual({ accepted: false, problems: [] });
  });

  it('refuses a body nested 20 000 objects deep with a 400 naming the field', async () => {
    const deep = JSON.parse(`{"text":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`) as unknown;
    expect(await problemsOf(DTOS.find((d) => d.name === 'WriteFollowUpInformationBody') as Dto, deep)).toEqual({ accepted: false, problems: [] });
  });

  it('control: the same body 100 deep is refused with a 400 naming the field', async () => {
    const deep = JSON.parse(`{"username":${'['.repeat(100)}${']'.repeat(100)},"password":"x"}`) as unknown;
    expect(await problemsOf(DTOS.find((d) => d.name === 'LoginBody') as Dto, deep)).toEqual({ accepted: false, problems: [] });
  });

  it.each(DTOS.map((dto) => [dto.name, dto] as const))('the valid example of %s passes', async (_, dto) => {
    expect(await problemsOf(dto, JSON.parse(JSON.stringify(VALID[dto.name])))).toEqual({ accepted: true, problems: [] });
  });
});

describe.each(DTOS.map((dto) => [dto.name, dto] as const))('fuzzing the body %s', (name, dto) => {
  it(`is accepted well-typed or refused naming a field, never another exception (${RUNS} runs)`, async () => {
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(bodies(dto), async (text) => {
        const { accepted, problems } = await problemsOf(dto, text === undefined ? undefined : JSON.parse(text));
        if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
        tally[accepted ? 'accepted' : 'refused'] += 1;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(tally.accepted).toBeGreaterThan(RUNS / 100);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
