import { create, isMessage, toJson, type DescMessage, type JsonObject, type JsonValue, type MessageInitShape } from '@bufbuild/protobuf';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { actorToString, parseActor, type EventActor } from './actor';
import { ContractViolation } from './contract-violation';
import { EVENT_CATALOGUE, isEventType, payloadSchemaFor, type EventSchema, type EventType, type SupportedEventPayload } from './event-catalogue';
import { decodeJsonStrict, validateMessage } from './validate-message';

/**
 * A CloudEvents 1.0 event in structured JSON mode: the value of every Kafka record on the
 * complaint stream (whose key is `subject`).
 *
 * @typeParam D - the JSON of the payload; `data` is always proto3 canonical JSON of the
 *   catalogue's payload message for `type` and `dataversion`
 */
export interface EventEnvelope<D = JsonObject> {
  /** CloudEvents version. */
  specversion: '1.0';
  /** Event id, a UUIDv7 (time-ordered); consumers deduplicate by it. */
  id: string;
  /** Event type from the catalogue, e.g. `complaint.disposed`. */
  type: EventType;
  /** The producing service, e.g. `pengaduan/intake`. */
  source: string;
  /** The complaint id; the Kafka key. */
  subject: string;
  /** When it happened: RFC 3339, UTC, millisecond precision (`2026-03-14T02:05:09.123Z`). */
  time: string;
  /** Always JSON. */
  datacontenttype: 'application/json';
  /** Extension: code of the office the complaint belongs to. */
  office: string;
  /** Extension: `<ROLE>:<userId>` for an officer, `system:<service>` otherwise (see `formatActor`). */
  actor: string;
  /**
   * Extension: the section (e.g. `LANTASKIM`) of the officer in `actor`, when they act for one:
   * a `SEKSI_TERKAIT` officer responding to a disposition (libs/sop `UserActor.sectionCode`).
   */
  actorsection?: string;
  /** Extension: id shared by every event and request of one business flow. */
  correlationid: string;
  /** Extension: id of the event or request that caused this one. */
  causationid?: string;
  /** Extension: version of the payload schema, `'1'` … (see {@link EVENT_CATALOGUE}). */
  dataversion: string;
  /** The payload: proto3 canonical JSON of the payload message. */
  data: D;
}

/** What {@link createEnvelope} needs. */
export interface CreateEnvelopeInput<T extends EventType> {
  /** Event type. */
  type: T;
  /** The producing service, e.g. `pengaduan/intake`. */
  source: string;
  /** The complaint id. */
  subject: string;
  /** Office code. */
  office: string;
  /** Who caused the event: structured, or already formatted (`KEPALA_KANTOR:u-17`). */
  actor: EventActor | string;
  /** The section of the officer in `actor`, when they act for one (`actorsection`). */
  actorSection?: string;
  /** Correlation id of the flow (usually the request's). */
  correlationId: string;
  /** Id of the event or request that caused this one. */
  causationId?: string;
  /** When it happened (passed in: code never reads the clock for an event's time). */
  time: Date;
  /** Event id; a fresh UUIDv7 when absent. Pass one to make re-creating the event idempotent. */
  id?: string;
  /** The payload: the generated message for `type`, or its init shape. */
  data: MessageInitShape<EventSchema<T>>;
}

/** A parsed, valid event, narrowed by `type`. */
export type ParsedEvent = {
  [T in EventType]: {
    /** Parsing succeeded. */
    ok: true;
    /** The event type (the same as `envelope.type`), here so that checking it narrows `payload`. */
    type: T;
    /** The envelope as received (`data` still JSON). */
    envelope: EventEnvelope & { type: T };
    /** The payload decoded to the generated message of its `dataversion`. */
    payload: SupportedEventPayload<T>;
  };
}[EventType];

/** Why some bytes are not a valid event. */
export interface ParseFailure {
  /** Parsing failed. */
  ok: false;
  /** One line for logs and the DLQ: what kind of failure and the first problem. */
  reason: string;
  /** Every problem found, each naming the attribute or field path (`data.sections[1].sectionCode: required`). */
  problems: string[];
}

/** The result of {@link parseEnvelope}. */
export type ParseResult = ParsedEvent | ParseFailure;

const CONTEXT_ATTRIBUTES = new Set([
  'specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'dataschema', 'data',
  'office', 'actor', 'actorsection', 'correlationid', 'causationid', 'dataversion',
]);
const EXTENSION_NAME = /^[a-z0-9]+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const SECTION = /^\S+$/;
const REQUIRED_STRINGS = ['source', 'subject', 'office', 'correlationid'] as const;

function describe(value: unknown): string {
  return value === undefined ? 'missing' : `got ${JSON.stringify(value)}`;
}

/** One attribute's check: what is wrong with its value, or undefined when it is valid. */
interface AttributeRule {
  readonly name: string;
  /** Checked only when the attribute is there. */
  readonly optional?: true;
  readonly problem: (value: unknown) => string | undefined;
}

/** A check whose problem is `<expected>, got <value>` (or `missing`). */
function must(valid: (value: unknown) => boolean, expected: string): AttributeRule['problem'] {
  return (value) => (valid(value) ? undefined : `${expected}, ${describe(value)}`);
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

function typeProblem(value: unknown): string | undefined {
  if (value === undefined) return 'required';
  return isEventType(value) ? undefined : `unknown event type ${JSON.stringify(value)}`;
}

/** Every attribute but `data` and `dataversion`, in the order their problems are listed. */
const ATTRIBUTE_RULES: readonly AttributeRule[] = [
  { name: 'specversion', problem: must((v) => v === '1.0', 'must be "1.0"') },
  { name: 'id', problem: must((v) => typeof v === 'string' && isUuid(v), 'must be a UUID') },
  { name: 'type', problem: typeProblem },
  ...REQUIRED_STRINGS.map((name) => ({ name, problem: must(isNonEmptyString, 'must be a non-empty string') })),
  { name: 'time', problem: must(isTimestamp, 'must be an RFC 3339 timestamp') },
  { name: 'datacontenttype', problem: must((v) => v === 'application/json', 'must be "application/json"') },
  {
    name: 'actor',
    problem: must((v) => typeof v === 'string' && parseActor(v) !== undefined, 'must be "<ROLE>:<userId>" or "system:<service>"'),
  },
  {
    name: 'actorsection',
    optional: true,
    problem: must((v) => typeof v === 'string' && SECTION.test(v), 'must be a section code when present'),
  },
  { name: 'causationid', optional: true, problem: must(isNonEmptyString, 'must be a non-empty string when present') },
  { name: 'dataschema', optional: true, problem: must((v) => typeof v === 'string', 'must be a URI string') },
];

/**
 * Checks every attribute except `data`. Returns the payload schema when `type` and
 * `dataversion` name one, so that `data` can be checked too.
 */
function checkAttributes(env: Record<string, unknown>, problems: string[]): DescMessage | undefined {
  for (const rule of ATTRIBUTE_RULES) {
    if (rule.optional && !(rule.name in env)) continue;
    const problem = rule.problem(env[rule.name]);
    if (problem !== undefined) problems.push(`${rule.name}: ${problem}`);
  }
  checkExtensionAttributes(env, problems);
  return payloadSchemaOf(env, problems);
}

/** Any other attribute is an extension: a CloudEvents name and a scalar value. */
function checkExtensionAttributes(env: Record<string, unknown>, problems: string[]): void {
  for (const [name, value] of Object.entries(env)) {
    if (CONTEXT_ATTRIBUTES.has(name)) continue;
    if (!EXTENSION_NAME.test(name)) problems.push(`${name}: not a valid CloudEvents attribute name (lowercase a-z and 0-9 only)`);
    else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) problems.push(`${name}: an extension attribute must be a string, number or boolean`);
  }
}

/** Checks `dataversion` and returns the payload schema it names for `type`, if both are valid. */
function payloadSchemaOf(env: Record<string, unknown>, problems: string[]): DescMessage | undefined {
  const dataversion = env['dataversion'];
  if (typeof dataversion !== 'string' || dataversion === '') {
    problems.push(`dataversion: must be a non-empty string, ${describe(dataversion)}`);
    return undefined;
  }
  const type = env['type'];
  if (!isEventType(type)) return undefined;
  const schema = payloadSchemaFor(type, dataversion);
  if (schema === undefined) {
    const supported = Object.keys(EVENT_CATALOGUE[type].dataVersions).join(', ');
    problems.push(`dataversion: ${JSON.stringify(dataversion)} is not supported for ${type} (supported: ${supported})`);
  }
  return schema;
}

function failure(kind: string, problems: string[]): ParseFailure {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return { ok: false, reason: `${kind}: ${problems[0]}${more}`, problems };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates one event (a Kafka record's value). Never throws, whatever the input:
 * invalid UTF-8 or JSON, a non-object, missing or invalid attributes, an unknown `type` or
 * unsupported `dataversion`, attributes that are not CloudEvents names, and a payload that
 * does not decode strictly or breaks the required-field convention all give `ok: false`.
 *
 * @param raw - the bytes (or string) of the structured-mode JSON
 */
export function parseEnvelope(raw: Buffer | Uint8Array | string): ParseResult {
  try {
    let text: string;
    if (typeof raw === 'string') text = raw;
    else if (raw instanceof Uint8Array) {
      try {
        text = utf8.decode(raw);
      } catch {
        return failure('not an event', ['input: not valid UTF-8']);
      }
    } else {
      return failure('not an event', [`input: expected bytes or a string, got ${raw === null ? 'null' : typeof raw}`]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return failure('not an event', [`input: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return failure('not an event', [`input: must be a JSON object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`]);
    }
    const env = json as Record<string, unknown>;
    const problems: string[] = [];
    const schema = checkAttributes(env, problems);
    let payload: unknown;
    if (!('data' in env)) problems.push('data: required');
    else if (schema !== undefined) {
      const decoded = decodeJsonStrict(schema, env['data'] as JsonValue, 'data');
      if (decoded.ok) payload = decoded.message;
      else problems.push(...decoded.problems);
    }
    if (problems.length > 0) return failure('invalid event', problems);
    const envelope = env as unknown as EventEnvelope;
    return { ok: true, type: envelope.type, envelope, payload } as ParsedEvent;
  } catch (e) {
    // Not expected; here so that a bug in a check cannot crash a consumer.
    return failure('invalid event', [`input: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

/**
 * Checks a payload message against the catalogue: it must be the schema of `type` at
 * `dataVersion` and meet the required-field convention (see {@link validateMessage}).
 * The same rules {@link parseEnvelope} applies to `data`.
 *
 * @param dataVersion - defaults to the type's current `dataversion`
 * @returns the problems, with paths under `data`; empty when valid
 */
export function validatePayload<T extends EventType>(type: T, message: SupportedEventPayload<T>, dataVersion?: string): string[] {
  if (!isEventType(type)) return [`type: unknown event type ${JSON.stringify(type)}`];
  const version = dataVersion ?? EVENT_CATALOGUE[type].currentDataVersion;
  const schema = payloadSchemaFor(type, version);
  if (schema === undefined) return [`dataversion: ${JSON.stringify(version)} is not supported for ${type}`];
  return validateMessage(schema, message, 'data');
}

/**
 * Builds the envelope of a new event at the type's current `dataversion`. The payload is
 * checked with the rules of {@link parseEnvelope} and written as proto3 canonical JSON
 * (enum names, camelCase field names, fields at their default value left out).
 *
 * @throws {@link ContractViolation} listing every problem, when an attribute or the payload is invalid
 */
export function createEnvelope<T extends EventType>(input: CreateEnvelopeInput<T>): EventEnvelope & { type: T } {
  const { type } = input;
  if (!isEventType(type)) throw new ContractViolation('invalid event', [`type: unknown event type ${JSON.stringify(type)}`]);
  const dataversion = EVENT_CATALOGUE[type].currentDataVersion;
  const schema = payloadSchemaFor(type, dataversion) as DescMessage;
  const problems: string[] = [];

  const actor = typeof input.actor === 'string' ? input.actor : actorToString(input.actor);
  const time = input.time instanceof Date && !Number.isNaN(input.time.getTime()) ? input.time.toISOString() : undefined;

  const envelope: EventEnvelope & { type: T } = {
    specversion: '1.0',
    id: input.id ?? uuidv7(),
    type,
    source: input.source,
    subject: input.subject,
    time: time as string,
    datacontenttype: 'application/json',
    office: input.office,
    actor,
    ...(input.actorSection !== undefined ? { actorsection: input.actorSection } : {}),
    correlationid: input.correlationId,
    ...(input.causationId !== undefined ? { causationid: input.causationId } : {}),
    dataversion,
    data: {},
  };
  checkAttributes(envelope as unknown as Record<string, unknown>, problems);

  try {
    const given: unknown = input.data;
    const givenTypeName = isMessage(given) ? given.$typeName : schema.typeName;
    if (givenTypeName !== schema.typeName) throw new Error(`expected a ${schema.typeName} message, got ${givenTypeName}`);
    const message = create(schema, input.data as MessageInitShape<DescMessage>);
    const payloadProblems = validateMessage(schema, message, 'data');
    if (payloadProblems.length > 0) problems.push(...payloadProblems);
    else envelope.data = toJson(schema, message) as JsonObject;
  } catch (e) {
    problems.push(`data: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (problems.length > 0) throw new ContractViolation(`invalid ${String(type)} event`, problems);
  return envelope;
}

/** The envelope as a Kafka record value: UTF-8 JSON. */
export function serializeEnvelope(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}
