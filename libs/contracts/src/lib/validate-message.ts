import { fromJson, isMessage, type DescField, type DescMessage, type JsonValue, type Message, type MessageShape } from '@bufbuild/protobuf';
import { ScalarType } from '@bufbuild/protobuf';

/**
 * Formats some fields must have wherever they occur, by proto field name. Proto3 cannot say
 * this itself, and these values are easy to get subtly wrong.
 */
const FORMAT_RULES: ReadonlyArray<{ readonly applies: (fieldName: string) => boolean; readonly check: (value: string) => boolean; readonly expected: string }> = [
  { applies: (name) => name === 'classification_code', check: (v) => /^(0[1-9]|10)$/.test(v), expected: 'a Permen PAN 5/2009 classification code 01..10' },
  { applies: (name) => name === 'document_sha256', check: (v) => /^[0-9a-f]{64}$/.test(v), expected: '64 lowercase hex digits' },
  { applies: (name) => name.endsWith('_date'), check: isCalendarDate, expected: 'a date YYYY-MM-DD' },
];

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

// Well-known types have their own JSON forms and nothing the required-field convention applies to.
function isWellKnown(desc: DescMessage): boolean {
  return desc.typeName.startsWith('google.protobuf.');
}

function isRequired(field: DescField): boolean {
  return field.oneof === undefined && !field.proto.proto3Optional;
}

function checkEnum(field: DescField & { fieldKind: 'enum' } | DescField & { fieldKind: 'list'; listKind: 'enum' }, value: number, path: string, problems: string[]): void {
  if (value === 0) {
    problems.push(`${path}: required (got ${field.enum.values.find((v) => v.number === 0)?.name ?? '0'})`);
  } else if (!field.enum.values.some((v) => v.number === value)) {
    problems.push(`${path}: unknown ${field.enum.name} value ${value}`);
  }
}

function checkString(field: DescField, value: string, path: string, problems: string[]): void {
  for (const rule of FORMAT_RULES) {
    if (rule.applies(field.name) && !rule.check(value)) problems.push(`${path}: must be ${rule.expected}, got ${JSON.stringify(value)}`);
  }
}

function checkMessage(desc: DescMessage, message: Record<string, unknown>, path: string, problems: string[]): void {
  for (const field of desc.fields) {
    const present = fieldValue(field, message);
    if (present !== undefined) checkField(field, present.value, `${path}.${field.jsonName}`, problems);
  }
}

/** The field's value; undefined for a `oneof` member that is not the selected case. */
function fieldValue(field: DescField, message: Record<string, unknown>): { readonly value: unknown } | undefined {
  if (field.oneof === undefined) return { value: message[field.localName] };
  const selected = message[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
  return selected?.case === field.localName ? { value: selected.value } : undefined;
}

function checkField(field: DescField, value: unknown, path: string, problems: string[]): void {
  switch (field.fieldKind) {
    case 'scalar':
      if (field.scalar === ScalarType.STRING && typeof value === 'string') checkSingularString(field, value, path, problems);
      break;
    case 'enum':
      if (typeof value === 'number') checkEnum(field, value, path, problems);
      break;
    case 'message':
      checkSingularMessage(field, value, path, problems);
      break;
    case 'list':
      (value as unknown[]).forEach((item, i) => checkListItem(field, item, `${path}[${i}]`, problems));
      break;
    case 'map':
      checkMapValues(field, value as Record<string, unknown>, path, problems);
      break;
  }
}

function checkSingularString(field: DescField, value: string, path: string, problems: string[]): void {
  if (value !== '') checkString(field, value, path, problems);
  else if (isRequired(field)) problems.push(`${path}: required`);
}

function checkSingularMessage(field: DescField & { fieldKind: 'message' }, value: unknown, path: string, problems: string[]): void {
  if (value === undefined) {
    if (isRequired(field)) problems.push(`${path}: required`);
  } else if (!isWellKnown(field.message)) {
    checkMessage(field.message, value as Record<string, unknown>, path, problems);
  }
}

function checkListItem(field: DescField & { fieldKind: 'list' }, item: unknown, path: string, problems: string[]): void {
  if (field.listKind === 'enum') checkEnum(field, item as number, path, problems);
  else if (field.listKind === 'message') {
    if (!isWellKnown(field.message)) checkMessage(field.message, item as Record<string, unknown>, path, problems);
  } else if (field.scalar === ScalarType.STRING) {
    if (item === '') problems.push(`${path}: must not be empty`);
    else checkString(field, item as string, path, problems);
  }
}

function checkMapValues(field: DescField & { fieldKind: 'map' }, entries: Record<string, unknown>, path: string, problems: string[]): void {
  if (field.mapKind !== 'message' || isWellKnown(field.message)) return;
  for (const [key, item] of Object.entries(entries)) {
    checkMessage(field.message, item as Record<string, unknown>, `${path}[${JSON.stringify(key)}]`, problems);
  }
}

/**
 * Checks a decoded message against the required-field convention of `proto/`:
 * every singular string, enum or message field that is neither proto3 `optional` nor in a
 * `oneof` is required: a string must be non-empty, an enum not `*_UNSPECIFIED` (0), a message
 * present; nested messages are checked the same way. Besides, enum values must be known
 * (also in lists), list strings non-empty, and `classification_code`, `document_sha256` and
 * `*_date` fields well-formed wherever they are set.
 *
 * @param schema - the message's generated schema
 * @param message - the message to check
 * @param path - prefix of the field paths in the problems (`data` for event payloads)
 * @returns the problems found, each `<path>.<jsonName>…: <problem>`; empty when valid
 */
export function validateMessage<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>, path = 'data'): string[] {
  if (!isMessage(message, schema)) {
    const got = isMessage(message) ? (message as Message).$typeName : typeof message;
    return [`${path}: expected a ${schema.typeName} message, got ${got}`];
  }
  const problems: string[] = [];
  checkMessage(schema, message as unknown as Record<string, unknown>, path, problems);
  return problems;
}

// fromJson stops at the first problem and names no path; this walk finds every unknown key
// first, with its path.
function findUnknownKeys(desc: DescMessage, json: JsonValue, path: string, problems: string[]): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return;
  for (const [key, value] of Object.entries(json)) {
    const field = desc.fields.find((f) => f.jsonName === key || f.name === key);
    if (field === undefined) {
      problems.push(`${path}.${key}: unknown field`);
    } else if (field.fieldKind === 'message' && !isWellKnown(field.message)) {
      findUnknownKeys(field.message, value, `${path}.${field.jsonName}`, problems);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && !isWellKnown(field.message) && Array.isArray(value)) {
      value.forEach((item, i) => findUnknownKeys(field.message, item, `${path}.${field.jsonName}[${i}]`, problems));
    }
  }
}

function isJsonObject(json: JsonValue | undefined): json is { [key: string]: JsonValue } {
  return json !== null && typeof json === 'object' && !Array.isArray(json);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Once fromJson has failed, decodes each field on its own to find every field that fails,
// with its path, going down into nested messages.
function findUndecodableFields(desc: DescMessage, json: JsonValue, path: string, problems: string[]): void {
  if (!isJsonObject(json)) return;
  for (const [key, value] of Object.entries(json)) {
    const field = desc.fields.find((f) => f.jsonName === key || f.name === key);
    if (field === undefined) continue;
    const fieldPath = `${path}.${field.jsonName}`;
    try {
      fromJson(desc, { [key]: value });
      continue;
    } catch (e) {
      const before = problems.length;
      if (field.fieldKind === 'message' && !isWellKnown(field.message)) {
        findUndecodableFields(field.message, value, fieldPath, problems);
      } else if (field.fieldKind === 'list' && field.listKind === 'message' && !isWellKnown(field.message) && Array.isArray(value)) {
        value.forEach((item, i) => findUndecodableFields(field.message, item, `${fieldPath}[${i}]`, problems));
      }
      if (problems.length === before) problems.push(`${fieldPath}: ${errorText(e)}`);
    }
  }
}

/**
 * Decodes proto3 canonical JSON strictly and checks it with {@link validateMessage}: unknown
 * fields, wrong JSON types, unknown enum names and broken conventions are all problems.
 * Never throws.
 *
 * @returns the message when valid, else the problems
 */
export function decodeJsonStrict<Desc extends DescMessage>(
  schema: Desc,
  json: JsonValue,
  path = 'data',
): { ok: true; message: MessageShape<Desc> } | { ok: false; problems: string[] } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problems: [`${path}: must be a JSON object`] };
  }
  const problems: string[] = [];
  findUnknownKeys(schema, json, path, problems);
  if (problems.length > 0) return { ok: false, problems };
  let message: MessageShape<Desc>;
  try {
    message = fromJson(schema, json, { ignoreUnknownFields: false });
  } catch (e) {
    findUndecodableFields(schema, json, path, problems);
    return { ok: false, problems: problems.length > 0 ? problems : [`${path}: ${errorText(e)}`] };
  }
  const invalid = validateMessage(schema, message, path);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, message };
}
