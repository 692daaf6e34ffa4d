import { ContractViolation, formatActor, parseActor } from '../index';

describe('actor extension', () => {
  it('formats an officer as <ROLE>:<userId> and a service as system:<service>', () => {
    expect(formatActor({ kind: 'user', userId: '7c1e-42', role: 'KEPALA_KANTOR' })).toBe('KEPALA_KANTOR:7c1e-42');
    expect(formatActor({ kind: 'system', service: 'sla-monitor' })).toBe('system:sla-monitor');
  });

  it('parses what it formats', () => {
    expect(parseActor('ADMIN_TIKKIM:u-1')).toEqual({ kind: 'user', userId: 'u-1', role: 'ADMIN_TIKKIM' });
    expect(parseActor('system:notification')).toEqual({ kind: 'system', service: 'notification' });
  });

  it('keeps a colon inside a user id', () => {
    expect(parseActor('AUDITOR:oidc:abc')).toEqual({ kind: 'user', userId: 'oidc:abc', role: 'AUDITOR' });
  });

  it.each(['', 'system', 'system:', 'ADMIN_TIKKIM:', ':u-1', 'admin_tikkim:u-1', 'ADMIN TIKKIM:u-1', 'ADMIN_TIKKIM:u 1', 'system:Intake'])('rejects %j', (actor) => {
    expect(parseActor(actor)).toBeUndefined();
  });

  it('refuses to format a malformed actor', () => {
    expect(() => formatActor({ kind: 'user', userId: '', role: 'ADMIN_TIKKIM' })).toThrow(ContractViolation);
    expect(() => formatActor({ kind: 'user', userId: 'u-1', role: 'admin' })).toThrow(ContractViolation);
  });
});
