import { ConfigError } from '@pengaduan/runtime';
import { DEFAULT_SLA_POLICY } from '@pengaduan/sop';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSlaMonitorConfig, SLA_MONITOR_CONFIG } from './config';

const base = { DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092' };

function policyFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sla-policy-')), 'policies.json');
  writeFileSync(file, content);
  return file;
}

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadSlaMonitorConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.join('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('sla-monitor configuration', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    expect(loadSlaMonitorConfig(base)).toEqual({
      databaseUrl: 'postgres://u@db:5432/p',
      databaseSchema: 'sla_monitor',
      kafkaBrokers: ['k1:9092'],
      httpHost: '127.0.0.1',
      httpPort: 3106,
      grpcAddress: '127.0.0.1:50056',
      warningShare: 0.75,
      pollMs: 1000,
      batchSize: 200,
      officePolicies: {},
      eventSigning: {},
    });
  });

  it('reads office policies from a file, merged over the default', () => {
    const file = policyFile(JSON.stringify({ $comment: 'Belakang Padang counts working hours', BLP: { calendar: 'WORKING_CALENDAR' } }));
    expect(loadSlaMonitorConfig({ ...base, SLA_OFFICE_POLICIES_FILE: file }).officePolicies).toEqual({ BLP: { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' } });
  });

  it('accepts the example policy file the docs ship', () => {
    const example = join(__dirname, '../../../docs/sla-office-policies.example.json');
    const { officePolicies } = loadSlaMonitorConfig({ ...base, SLA_OFFICE_POLICIES_FILE: example });
    expect(Object.keys(officePolicies)).toEqual(['BLP', 'TPI']);
    expect(officePolicies['BLP'].calendar).toBe('WORKING_CALENDAR');
    expect(officePolicies['TPI']).toEqual(DEFAULT_SLA_POLICY);
  });

  it('names every problem of a policy file, per office, and refuses to start', () => {
    const file = policyFile(JSON.stringify({ BLP: { calendar: 'LUNAR' }, bad: {}, TPI: { warningShare: 2 } }));
    const problems = problemsOf({ ...base, SLA_OFFICE_POLICIES_FILE: file });
    expect(problems).toContain('BLP.calendar: must be WALL_CLOCK or WORKING_CALENDAR');
    expect(problems).toContain('"bad" is not an office code');
    expect(problems).toContain('TPI.warningShare: must be a number between 0 and 1');
  });

  it('names a missing or unreadable policy file, a bad warning share and every other bad variable at once', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://x', SLA_OFFICE_POLICIES_FILE: '/nonexistent/policies.json', SLA_WARNING_SHARE: '1.5', SLA_MONITOR_POLL_MS: '0' });
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'SLA_OFFICE_POLICIES_FILE', 'SLA_WARNING_SHARE', 'SLA_MONITOR_POLL_MS']) expect(problems).toContain(name);
    expect(problemsOf({ ...base, SLA_OFFICE_POLICIES_FILE: policyFile('{not json') })).toContain('SLA_OFFICE_POLICIES_FILE: cannot read');
  });

  it('has every variable it reads documented in .env.example', () => {
    const documented = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    for (const field of Object.values(SLA_MONITOR_CONFIG)) expect(documented).toMatch(new RegExp(`^#? ?${field.env}=`, 'm'));
  });
});
