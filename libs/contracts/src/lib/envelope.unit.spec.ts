import { create, type DescMessage } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  ComplaintDisposedSchema,
  ComplaintReceivedSchema,
  ContractViolation,
  createEnvelope,
  DismissalReason,
  EVENT_TYPES,
  parseEnvelope,
  payloadSchemaFor,
  serializeEnvelope,
  validatePayload,
  type CreateEnvelopeInput,
  type EventType,
  type ParseResult,
} from '../index';
import { VALID_PAYLOADS } from './__fixtures__/valid-payloads';

const TIME = new Date('2026-03-14T02:05:09.123Z');
const COMPLAINT_ID = '0195f0a2-7c1e-7000-8000-000000000001';

function input<T extends EventType>(type: T, data: CreateEnvelopeInput<T>['data'] = VALID_PAYLOADS[type]): CreateEnvelopeInput<T> {
  return {
    type,
    source: 'pengaduan/test',
    subject: COMPLAINT_ID,
    office: 'BLP',
    actor: { kind: 'user', userId: 'u-17', role: 'KEPALA_KANTOR' },
    correlationId: 'req-1',
    causationId: 'evt-0',
    time: TIME,
    data,
  };
}

/** A valid serialized event as plain JSON, to be broken by a test. */
function validJson(type: EventType = 'complaint.disposed'): Record<string, unknown> & { data: Record<string, unknown> } {
  return JSON.parse(serializeEnvelope(createEnvelope(input(type))).toString('utf8'));
}

function fail(message: string): never {
  throw new Error(message);
}

function schemaOf(type: EventType): DescMessage {
  return payloadSchemaFor(type, '1') ?? fail(`no schema for ${type}`);
}

function expectRejected(result: ParseResult, problem: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  // The reason names the first problem; the tests break one thing at a time.
  expect(result.reason).toMatch(new RegExp(problem.source.replace(/^\^/, '').replace(/\$$/, '')));
  expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
}

describe('createEnvelope → serializeEnvelope → parseEnvelope', () => {
  it.each(EVENT_TYPES)('round-trips a %s event to an equal payload', (type) => {
    const envelope = createEnvelope(input(type));
    const parsed = parseEnvelope(serializeEnvelope(envelope));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.type).toBe(type);
    expect(parsed.envelope).toEqual(envelope);
    expect(parsed.payload).toEqual(create(schemaOf(type), VALID_PAYLOADS[type] as never));
  });

  it('writes the CloudEvents attributes and extensions the platform agreed on', () => {
    const envelope = createEnvelope(input('complaint.disposed'));
    expect(envelope).toMatchObject({
      specversion: '1.0',
      type: 'complaint.disposed',
      source: 'pengaduan/test',
      subject: COMPLAINT_ID,
      time: '2026-03-14T02:05:09.123Z',
      datacontenttype: 'application/json',
      office: 'BLP',
      actor: 'KEPALA_KANTOR:u-17',
      correlationid: 'req-1',
      causationid: 'evt-0',
      dataversion: '1',
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes the payload as proto3 canonical JSON: camelCase names, enum names, defaults left out', () => {
    const envelope = createEnvelope(input('complaint.received'));
    expect(envelope.data).toEqual({
      complaintId: COMPLAINT_ID,
      officeCode: 'BLP',
      trackingNumber: 'BLP-2026-000123',
      channel: 'CHANNEL_WHATSAPP',
      receivedAt: '2026-03-14T01:02:03Z',
      reporterRef: 'rep_01HZX',
      anonymous: true,
      messageCount: 1,
      firstMessageId: 'msg-1',
    });
  });

  it('keeps a given id and leaves out causationid when there is no cause', () => {
    const { causationId: _ignored, ...rest } = input('complaint.closed');
    const envelope = createEnvelope({ ...rest, id: '0195f0a2-7c1e-7000-8000-0000000000ff', actor: { kind: 'system', service: 'notification' } });
    expect(envelope.id).toBe('0195f0a2-7c1e-7000-8000-0000000000ff');
    expect(envelope.actor).toBe('system:notification');
    expect('causationid' in envelope).toBe(false);
  });

  it('takes an actor already formatted', () => {
    expect(createEnvelope({ ...input('complaint.closed'), actor: 'system:notification' }).actor).toBe('system:notification');
  });

  it('gives every event its own UUIDv7 id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => createEnvelope(input('complaint.closed')).id));
    expect(ids.size).toBe(50);
  });

  it('accepts an already created message as data', () => {
    const message = create(ComplaintDisposedSchema, VALID_PAYLOADS['complaint.disposed']);
    const parsed = parseEnvelope(serializeEnvelope(createEnvelope(input('complaint.disposed', message))));
    expect(parsed.ok && parsed.type === 'complaint.disposed' && parsed.payload.sections.map((s) => s.sectionCode)).toEqual(['LANTASKIM', 'TU']);
  });

  it('decodes timestamps so that the consumer reads the producer’s instant', () => {
    const parsed = parseEnvelope(serializeEnvelope(createEnvelope(input('complaint.closed'))));
    if (!parsed.ok || parsed.type !== 'complaint.closed') throw new Error('expected a complaint.closed event');
    expect(timestampDate(parsed.payload.closedAt ?? fail('closedAt missing')).toISOString()).toBe('2026-03-17T02:05:00.000Z');
  });

  it('accepts CloudEvents extension attributes it does not know', () => {
    const json = { ...validJson(), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    expect(parseEnvelope(JSON.stringify(json)).ok).toBe(true);
  });
});

describe('parseEnvelope rejects, naming the problem, and never throws', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xc3, 0x28, 0xff, 0x00, 0x9f]), /not valid UTF-8/],
    ['text that is not JSON', Buffer.from('{"specversion": "1.0",'), /not valid JSON/],
    ['a JSON array', '[{"specversion":"1.0"}]', /must be a JSON object, got an array/],
    ['JSON null', 'null', /must be a JSON object, got null/],
    ['a JSON string', '"complaint.received"', /must be a JSON object, got string/],
    ['an empty buffer', Buffer.alloc(0), /not valid JSON/],
  ])('%s', (_what, raw, problem) => {
    expectRejected(parseEnvelope(raw), problem);
  });

  it('input that is neither bytes nor a string', () => {
    expectRejected(parseEnvelope(undefined as unknown as string), /expected bytes or a string/);
    expectRejected(parseEnvelope({} as unknown as string), /expected bytes or a string/);
  });

  it.each<[string, (json: Record<string, unknown>) => void, RegExp]>([
    ['a missing type', (j) => delete j['type'], /^type: required/],
    ['an unknown type', (j) => (j['type'] = 'complaint.teleported'), /type: unknown event type "complaint.teleported"/],
    ['a bad specversion', (j) => (j['specversion'] = '0.3'), /specversion: must be "1.0", got "0.3"/],
    ['a numeric specversion', (j) => (j['specversion'] = 1), /specversion: must be "1.0", got 1/],
    ['an id that is not a UUID', (j) => (j['id'] = 'evt-123'), /id: must be a UUID, got "evt-123"/],
    ['a time that is not RFC 3339', (j) => (j['time'] = '14/03/2026 09:05'), /time: must be an RFC 3339 timestamp/],
    ['a time without a zone', (j) => (j['time'] = '2026-03-14T02:05:09'), /time: must be an RFC 3339 timestamp/],
    ['an impossible time', (j) => (j['time'] = '2026-13-40T25:05:09Z'), /time: must be an RFC 3339 timestamp/],
    ['an unsupported dataversion', (j) => (j['dataversion'] = '2'), /dataversion: "2" is not supported for complaint.disposed \(supported: 1\)/],
    ['a missing dataversion', (j) => delete j['dataversion'], /dataversion: must be a non-empty string, missing/],
    ['an empty subject', (j) => (j['subject'] = ''), /subject: must be a non-empty string/],
    ['a missing source', (j) => delete j['source'], /source: must be a non-empty string, missing/],
    ['a missing office', (j) => delete j['office'], /office: must be a non-empty string, missing/],
    ['a missing correlationid', (j) => delete j['correlationid'], /correlationid: must be a non-empty string, missing/],
    ['a malformed actor', (j) => (j['actor'] = 'kepala kantor'), /actor: must be "<ROLE>:<userId>" or "system:<service>"/],
    ['an actor with a lowercase role', (j) => (j['actor'] = 'admin:u-1'), /actor: must be/],
    ['an empty causationid', (j) => (j['causationid'] = ''), /causationid: must be a non-empty string when present/],
    ['another datacontenttype', (j) => (j['datacontenttype'] = 'application/protobuf'), /datacontenttype: must be "application\/json"/],
    ['an attribute name that is not a CloudEvents name', (j) => (j['Trace_Id'] = 'x'), /Trace_Id: not a valid CloudEvents attribute name/],
    ['binary data', (j) => (j['data_base64'] = 'AAAA'), /data_base64: not a valid CloudEvents attribute name/],
    ['an extension holding an object', (j) => (j['tenant'] = { id: 1 }), /tenant: an extension attribute must be a string, number or boolean/],
    ['missing data', (j) => delete j['data'], /^data: required$/],
    ['data that is not an object', (j) => (j['data'] = 'LD/BLP/2026/0007'), /data: must be a JSON object/],
  ])('an envelope with %s', (_what, breakIt, problem) => {
    const json = validJson();
    breakIt(json);
    expectRejected(parseEnvelope(JSON.stringify(json)), problem);
  });

  it.each<[string, (data: Record<string, unknown> & { sections: Record<string, unknown>[] }) => void, RegExp]>([
    ['an unknown field', (d) => (d['reporterPhone'] = '+628123'), /data\.reporterPhone: unknown field/],
    ['an unknown nested field', (d) => (d.sections[1]['officer'] = 'x'), /data\.sections\[1\]\.officer: unknown field/],
    ['a field of the wrong JSON type', (d) => (d['dispositionSheetNumber'] = 7), /^data\.dispositionSheetNumber: cannot decode field .*disposition_sheet_number from JSON: expected string, got 7$/],
    ['a list given as a single value', (d) => (d['sections'] = { sectionCode: 'TU' } as never), /sections/],
    ['an unknown enum name', (d) => (d.sections[0]['instructions'] = ['DISPOSITION_INSTRUCTION_IGNORE']), /DispositionInstruction.*"DISPOSITION_INSTRUCTION_IGNORE"/],
    ['an unknown enum number', (d) => (d.sections[0]['instructions'] = [42]), /data\.sections\[0\]\.instructions\[0\]: unknown DispositionInstruction value 42/],
    ['a missing required string', (d) => delete d['dispositionSheetNumber'], /^data\.dispositionSheetNumber: required$/],
    ['a missing required nested string', (d) => delete d.sections[1]['sectionCode'], /^data\.sections\[1\]\.sectionCode: required$/],
    ['an UNSPECIFIED enum in a list', (d) => (d.sections[1]['instructions'] = ['DISPOSITION_INSTRUCTION_UNSPECIFIED']), /data\.sections\[1\]\.instructions\[0\]: required \(got DISPOSITION_INSTRUCTION_UNSPECIFIED\)/],
    ['a malformed document hash', (d) => (d['documentSha256'] = 'ABC'), /data\.documentSha256: must be 64 lowercase hex digits/],
  ])('a complaint.disposed payload with %s', (_what, breakIt, problem) => {
    const json = validJson('complaint.disposed');
    breakIt(json.data as never);
    expectRejected(parseEnvelope(JSON.stringify(json)), problem);
  });

  it('a payload whose required enum is UNSPECIFIED', () => {
    const json = validJson('complaint.dismissed');
    json.data['reason'] = 'DISMISSAL_REASON_UNSPECIFIED';
    expectRejected(parseEnvelope(JSON.stringify(json)), /^data\.reason: required \(got DISMISSAL_REASON_UNSPECIFIED\)$/);
  });

  it('a payload whose required enum is left out (the JSON of 0)', () => {
    const json = validJson('complaint.dismissed');
    delete json.data['reason'];
    expectRejected(parseEnvelope(JSON.stringify(json)), /^data\.reason: required/);
  });

  it('a payload whose required message (timestamp) is missing', () => {
    const json = validJson('complaint.received');
    delete json.data['receivedAt'];
    expectRejected(parseEnvelope(JSON.stringify(json)), /^data\.receivedAt: required$/);
  });

  it('a payload with a malformed timestamp', () => {
    const json = validJson('complaint.closed');
    json.data['closedAt'] = 'yesterday';
    expectRejected(parseEnvelope(JSON.stringify(json)), /^data\.closedAt: cannot decode message google.protobuf.Timestamp from JSON: invalid RFC 3339 string$/);
  });

  it('a team decree with a member missing a nested required field and a bad date', () => {
    const json = validJson('complaint.team-formed');
    const members = json.data['members'] as Record<string, unknown>[];
    delete members[1]['teamRole'];
    json.data['periodEndDate'] = '2026-02-30';
    const result = parseEnvelope(JSON.stringify(json));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'data.members[1].teamRole: required (got TEAM_ROLE_UNSPECIFIED)',
      'data.periodEndDate: must be a date YYYY-MM-DD, got "2026-02-30"',
    ]);
    expect(result.reason).toMatch(/\(and 1 more\)$/);
  });

  it('every problem of an envelope at once, attributes and data', () => {
    const json = validJson();
    json['specversion'] = '2.0';
    delete json['office'];
    delete json.data['dispositionSheetNumber'];
    const result = parseEnvelope(JSON.stringify(json));
    expect(!result.ok && result.problems).toEqual([
      'specversion: must be "1.0", got "2.0"',
      'office: must be a non-empty string, missing',
      'data.dispositionSheetNumber: required',
    ]);
  });

  it('random bytes, a thousand times', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 1000; i++) {
      const raw = Buffer.from(Array.from({ length: 1 + (i % 64) }, next));
      expect(() => parseEnvelope(raw)).not.toThrow();
      expect(parseEnvelope(raw).ok).toBe(false);
    }
  });
});

describe('createEnvelope refuses what parseEnvelope would reject', () => {
  it('a payload missing a required field, naming every problem', () => {
    const bad = { dispositionSheetNumber: '', sections: [{ sectionCode: 'TU', instructions: [] }, { instructions: [0] }] };
    let error: unknown;
    try {
      createEnvelope(input('complaint.disposed', bad));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractViolation);
    expect((error as ContractViolation).code).toBe('CONTRACT.VIOLATION');
    expect((error as ContractViolation).problems).toEqual([
      'data.dispositionSheetNumber: required',
      'data.sections[1].sectionCode: required',
      'data.sections[1].instructions[0]: required (got DISPOSITION_INSTRUCTION_UNSPECIFIED)',
    ]);
  });

  it('an UNSPECIFIED reason for a dismissal', () => {
    expect(() => createEnvelope(input('complaint.dismissed', { reason: DismissalReason.UNSPECIFIED }))).toThrow(/data\.reason: required/);
  });

  it('a wrong classification code', () => {
    expect(() => createEnvelope(input('complaint.confirmed', { ...VALID_PAYLOADS['complaint.confirmed'], classificationCode: '11' }))).toThrow(
      /data\.classificationCode: must be a Permen PAN 5\/2009 classification code 01\.\.10/,
    );
  });

  it('a message of another event type', () => {
    const received = create(ComplaintReceivedSchema, VALID_PAYLOADS['complaint.received']);
    expect(() => createEnvelope(input('complaint.disposed', received as never))).toThrow(/expected a pengaduan.events.v1.ComplaintDisposed message, got pengaduan.events.v1.ComplaintReceived/);
  });

  it('invalid attributes: empty subject, malformed actor, invalid time, non-UUID id', () => {
    let error: ContractViolation | undefined;
    try {
      createEnvelope({ ...input('complaint.closed'), subject: '', actor: { kind: 'user', userId: 'u 1', role: 'kepala' }, time: new Date(Number.NaN), id: 'x' });
    } catch (e) {
      error = e as ContractViolation;
    }
    expect(error?.problems).toEqual([
      'id: must be a UUID, got "x"',
      'subject: must be a non-empty string, got ""',
      'time: must be an RFC 3339 timestamp, missing',
      'actor: must be "<ROLE>:<userId>" or "system:<service>", got "kepala:u 1"',
    ]);
  });
});

describe('validatePayload', () => {
  it.each(EVENT_TYPES)('finds nothing wrong with a valid %s payload', (type) => {
    const message = create(schemaOf(type), VALID_PAYLOADS[type] as never);
    expect(validatePayload(type, message as never)).toEqual([]);
  });

  it('names a message of the wrong schema', () => {
    const received = create(ComplaintReceivedSchema, VALID_PAYLOADS['complaint.received']);
    expect(validatePayload('complaint.disposed', received as never)).toEqual([
      'data: expected a pengaduan.events.v1.ComplaintDisposed message, got pengaduan.events.v1.ComplaintReceived',
    ]);
  });

  it('names an unsupported dataversion', () => {
    const message = create(ComplaintDisposedSchema, VALID_PAYLOADS['complaint.disposed']);
    expect(validatePayload('complaint.disposed', message, '9')).toEqual(['dataversion: "9" is not supported for complaint.disposed']);
  });

  it('lets optional fields be absent', () => {
    const message = create(ComplaintDisposedSchema, { dispositionSheetNumber: 'LD/1', sections: [{ sectionCode: 'TU', instructions: [1] }] });
    expect(validatePayload('complaint.disposed', message)).toEqual([]);
  });
});
