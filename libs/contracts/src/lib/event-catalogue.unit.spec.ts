import type { DescEnum, DescMessage } from '@bufbuild/protobuf';
import {
  EVENT_CATALOGUE,
  EVENT_TYPES,
  RegisterComplaintRequestSchema,
  isEventType,
  payloadSchemaFor,
  type EventType,
} from '../index';

/** Words that name personal data of the complainant when they appear in a field name. */
const PERSONAL_DATA_WORDS = new Set(['name', 'phone', 'msisdn', 'email', 'mail', 'handle', 'username', 'text', 'contact', 'address', 'nik']);

/** Officers named in a team decree are public in the decree: the one allowed exception. */
const ALLOWED = new Set(['pengaduan.events.v1.TeamMember.name']);

/** Every message reachable from `roots` through message fields, well-known types excluded. */
function reachableMessages(roots: DescMessage[]): DescMessage[] {
  const seen = new Map<string, DescMessage>();
  const visit = (desc: DescMessage): void => {
    if (seen.has(desc.typeName) || desc.typeName.startsWith('google.protobuf.')) return;
    seen.set(desc.typeName, desc);
    for (const field of desc.fields) {
      if (field.message !== undefined) visit(field.message);
    }
  };
  roots.forEach(visit);
  return [...seen.values()];
}

function personalDataFields(roots: DescMessage[]): string[] {
  return reachableMessages(roots)
    .flatMap((desc) => desc.fields.map((field) => ({ qualified: `${desc.typeName}.${field.name}`, words: field.name.split('_') })))
    .filter(({ qualified, words }) => !ALLOWED.has(qualified) && words.some((word) => PERSONAL_DATA_WORDS.has(word)))
    .map(({ qualified }) => qualified);
}

const payloadSchemas = EVENT_TYPES.flatMap((type) => Object.values(EVENT_CATALOGUE[type].dataVersions) as DescMessage[]);

describe('the event catalogue', () => {
  it('has an entry for each of the 31 event types and nothing else', () => {
    // 22, docs/adr/0053's three, docs/adr/0057's one and docs/adr/0061's five.
    expect(EVENT_TYPES).toHaveLength(31);
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each<[EventType, string, string]>([
    ['complaint.received', 'intake', 'pengaduan.events.v1.ComplaintReceived'],
    ['complaint.dismissed', 'intake', 'pengaduan.events.v1.ComplaintDismissed'],
    ['complaint.disposed', 'disposition', 'pengaduan.events.v1.ComplaintDisposed'],
    ['complaint.follow-up-decided', 'analysis', 'pengaduan.events.v1.ComplaintFollowUpDecided'],
    ['complaint.team-formed', 'team-decree', 'pengaduan.events.v1.ComplaintTeamFormed'],
    ['complaint.closed', 'notification', 'pengaduan.events.v1.ComplaintClosed'],
    ['sla.escalated', 'sla-monitor', 'pengaduan.events.v1.SlaEscalated'],
    ['sla.deadline-started', 'sla-monitor', 'pengaduan.events.v1.SlaDeadlineStarted'],
    ['sla.deadline-stopped', 'sla-monitor', 'pengaduan.events.v1.SlaDeadlineStopped'],
  ])('says %s is produced by %s with payload %s', (type, producer, typeName) => {
    expect(EVENT_CATALOGUE[type].producer).toBe(producer);
    expect(payloadSchemaFor(type, EVENT_CATALOGUE[type].currentDataVersion)?.typeName).toBe(typeName);
  });

  it('gives every type a distinct payload message at its current dataversion', () => {
    const names = EVENT_TYPES.map((type) => payloadSchemaFor(type, EVENT_CATALOGUE[type].currentDataVersion)?.typeName);
    expect(names.every((name) => name !== undefined)).toBe(true);
    expect(new Set(names).size).toBe(EVENT_TYPES.length);
  });

  it('knows no schema for an unsupported dataversion', () => {
    expect(payloadSchemaFor('complaint.disposed', '2')).toBeUndefined();
    expect(payloadSchemaFor('complaint.disposed', 'toString')).toBeUndefined();
  });

  it('recognises only catalogue types', () => {
    expect(isEventType('complaint.disposed')).toBe(true);
    expect(isEventType('complaint.Disposed')).toBe(false);
    expect(isEventType('constructor')).toBe(false);
    expect(isEventType(undefined)).toBe(false);
  });
});

describe('event payloads carry no personal data of the complainant', () => {
  it('no field of any payload message (nested ones included) is named like personal data, except officers in a team decree', () => {
    expect(personalDataFields(payloadSchemas)).toEqual([]);
  });

  it('the check finds the personal data that intake’s own messages do carry', () => {
    expect(personalDataFields([RegisterComplaintRequestSchema])).toEqual(
      expect.arrayContaining([
        'pengaduan.intake.v1.RegisterComplaintRequest.text',
        'pengaduan.intake.v1.RegisterComplaintRequest.contact',
        'pengaduan.intake.v1.ReporterContact.name',
        'pengaduan.intake.v1.ReporterContact.phone',
        'pengaduan.intake.v1.ReporterContact.email',
        'pengaduan.intake.v1.ReporterContact.handle',
      ]),
    );
  });

  it('the team decree’s members are the only names, and they are officers with a NIP', () => {
    const member = reachableMessages(payloadSchemas).find((desc) => desc.typeName === 'pengaduan.events.v1.TeamMember');
    expect(member?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['name', 'nip', 'position', 'team_role']));
  });
});

describe('the payload schemas follow the required-field convention', () => {
  const enums = new Map<string, DescEnum>();
  for (const desc of reachableMessages(payloadSchemas)) {
    for (const field of desc.fields) if (field.enum !== undefined) enums.set(field.enum.typeName, field.enum);
  }

  it.each([...enums.entries()])('enum %s has *_UNSPECIFIED = 0', (_typeName, desc) => {
    const zero = desc.values.find((v) => v.number === 0);
    expect(zero?.name).toMatch(/_UNSPECIFIED$/);
  });
});
