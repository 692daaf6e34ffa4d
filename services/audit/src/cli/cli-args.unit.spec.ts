import { COMPLAINT_EVENTS_TOPIC, generateEventSigningKey } from '@pengaduan/contracts';
import { parseAuditArgs, UsageError } from './cli-args';
import { parseKeys, parsePolicyFile } from './inputs';

describe('parseAuditArgs', () => {
  it('takes every option, both --name value and --name=value, with the defaults', () => {
    expect(parseAuditArgs([], { KAFKA_BROKERS: 'a:1, b:2' })).toEqual({ brokers: ['a:1', 'b:2'], topic: COMPLAINT_EVENTS_TOPIC, help: false });
    expect(
      parseAuditArgs(['--brokers=k:9092', '--topic', 't', '--office', 'JKT1', '--from', '2026-03-01', '--to=2026-04-01T00:00:00+07:00', '--complaint', 'c1', '--keys', 'k.txt', '--policy', 'p.json', '--as-of', '2026-03-15T12:00:00Z', '--json', 'o.json', '--csv', 'o.csv', '--html', 'o.html', '--verify-threads', '0']),
    ).toEqual({
      brokers: ['k:9092'],
      topic: 't',
      office: 'JKT1',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T17:00:00.000Z',
      complaintId: 'c1',
      keysFile: 'k.txt',
      policyFile: 'p.json',
      asOf: '2026-03-15T12:00:00.000Z',
      json: 'o.json',
      csv: 'o.csv',
      html: 'o.html',
      verifyThreads: 0,
      help: false,
    });
    expect(parseAuditArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--nope'], /unknown argument/],
    [['--office'], /needs a value/],
    [['--office', '--json', 'x'], /needs a value/],
    [['--as-of', 'yesterday'], /ISO-8601/],
    [['--as-of', '2026-03-01T10:00'], /ISO-8601/],
    [['--from', '2026-04-01', '--to', '2026-03-01'], /before/],
    [['--json', 'a', '--json', 'b'], /twice/],
    [['--verify-threads', '-1'], /number of threads/],
    [['--verify-threads', 'all'], /number of threads/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAuditArgs(argv, { KAFKA_BROKERS: 'k:1' })).toThrow(message);
  });

  it('needs brokers', () => {
    expect(() => parseAuditArgs([], {})).toThrow(UsageError);
  });
});

describe('inputs', () => {
  it('reads published keys one a line or comma separated, with comments', () => {
    const a = generateEventSigningKey('intake-1', 'pengaduan/intake').publicEntry;
    const b = generateEventSigningKey('notification-1', 'pengaduan/notification').publicEntry;
    expect(parseKeys(`# keys\n${a}\n\n${b}\n`, 'keys.txt')?.size).toBe(2);
    expect(parseKeys(`${a},${b}`, 'env')?.all().map((k) => k.source)).toEqual(['pengaduan/intake', 'pengaduan/notification']);
    expect(parseKeys(undefined, 'env')).toBeUndefined();
    expect(() => parseKeys('# nothing\n', 'keys.txt')).toThrow(/no published key/);
    expect(() => parseKeys('x=y=notbase64', 'keys.txt')).toThrow(/keys.txt: key x/);
  });

  it('reads a what-if policy file per office, naming every problem', () => {
    const policies = parsePolicyFile(JSON.stringify({ JKT1: { deadlineHours: { CONFIRM: 1 } }, '*': { calendar: 'WORKING_CALENDAR' } }), 'p.json');
    expect(policies['JKT1'].deadlineHours).toEqual({ CONFIRM: 1 });
    expect(policies['*'].calendar).toBe('WORKING_CALENDAR');
    expect(() => parsePolicyFile('{', 'p.json')).toThrow(/not JSON/);
    expect(() => parsePolicyFile('[]', 'p.json')).toThrow(/JSON object/);
    expect(() => parsePolicyFile(JSON.stringify({ JKT1: { deadlineHours: { NOPE: 1 } }, SBY1: { calendar: 'X' } }), 'p.json')).toThrow(/JKT1.deadlineHours.NOPE: unknown clock.*SBY1.calendar/);
  });
});
