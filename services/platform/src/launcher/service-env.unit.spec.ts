import { roleOf, roleUrl, schemaOf, serviceEnvironment } from '../../../../scripts/service-env.cjs';

// What each service is given by `npm start` (scripts/start.mjs) and the embedded platform: its own
// role, password and signing key, and nothing of the launcher's or the other services' (docs/adr/0024).

const launcher = {
  DATABASE_URL: 'postgres://postgres:admin-secret@db.internal:6432/pengaduan?sslmode=require',
  PG_PASSWORD_INTAKE: 'intake-pw',
  PG_PASSWORD_TEAM_DECREE: 'a/b+c=d@e',
  PG_PASSWORD_GATEWAY: 'gateway-pw',
  EVENT_SIGNING_KEY_INTAKE: 'intake-dev:key-i',
  EVENT_SIGNING_KEY_TEAM_DECREE: 'team-decree-dev:key-t',
  EVENT_SIGNING_KEY: 'someone-else:key',
  EVENT_PUBLIC_KEYS: 'intake-dev=pengaduan/intake=pub',
  PGPASSWORD: 'admin-secret',
  LOG_LEVEL: 'info',
};

describe('the environment a service is given', () => {
  it('names schemas and roles as prepare-postgres does', () => {
    expect(['intake', 'team-decree', 'sla-monitor'].map((s) => [schemaOf(s), roleOf(s)])).toEqual([
      ['intake', 'pengaduan_intake'],
      ['team_decree', 'pengaduan_team_decree'],
      ['sla_monitor', 'pengaduan_sla_monitor'],
    ]);
  });

  it('connects it as its own role with its password, to the same host, port, database and parameters', () => {
    expect(serviceEnvironment(launcher, 'intake')['DATABASE_URL']).toBe('postgres://pengaduan_intake:intake-pw@db.internal:6432/pengaduan?sslmode=require');
    const url = new URL(serviceEnvironment(launcher, 'team-decree')['DATABASE_URL']);
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password)]).toEqual(['pengaduan_team_decree', 'a/b+c=d@e']);
    expect(roleUrl('postgres://postgres@127.0.0.1:5432/pengaduan', 'sla-monitor', undefined)).toBe('postgres://pengaduan_sla_monitor@127.0.0.1:5432/pengaduan');
  });

  it('gives it its own signing key and none of the administrative URL, the other roles’ passwords or the other services’ keys', () => {
    const env = serviceEnvironment(launcher, 'team-decree');
    expect(env).toEqual({
      DATABASE_URL: 'postgres://pengaduan_team_decree:a%2Fb%2Bc%3Dd%40e@db.internal:6432/pengaduan?sslmode=require',
      EVENT_SIGNING_KEY: 'team-decree-dev:key-t',
      EVENT_PUBLIC_KEYS: 'intake-dev=pengaduan/intake=pub',
      LOG_LEVEL: 'info',
    });
    expect(JSON.stringify(serviceEnvironment(launcher, 'gateway'))).not.toMatch(/admin-secret|intake-pw|key-i|key-t|someone-else/);
    expect(launcher.DATABASE_URL).toContain('admin-secret'); // the launcher's own is left as it was
  });

  it('refuses to derive anything without the administrative URL', () => {
    expect(() => serviceEnvironment({ PG_PASSWORD_INTAKE: 'x' }, 'intake')).toThrow(/DATABASE_URL/);
  });
});
