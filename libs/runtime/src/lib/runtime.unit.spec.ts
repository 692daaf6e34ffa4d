import { ConfigError, loadConfig, parse } from './config';
import { HealthRegistry } from './health';
import { createLogger } from './logger';
import { backoffDelay, retryUntilSuccess } from './retry';

describe('health registry', () => {
  it('is ready only when every check passes, and names the failing ones', async () => {
    const health = new HealthRegistry();
    health.register('postgres', () => undefined);
    health.register('kafka', () => Promise.reject(new Error('no broker')));
    expect(await health.report()).toEqual({
      status: 'not-ready',
      checks: { postgres: { ok: true }, kafka: { ok: false, error: 'no broker' } },
    });
  });

  it('reports a check that hangs as failed instead of hanging the probe', async () => {
    const health = new HealthRegistry(50);
    health.register('stuck', () => new Promise(() => undefined));
    expect(await health.report()).toEqual({ status: 'not-ready', checks: { stuck: { ok: false, error: 'no answer within 50 ms' } } });
  });
});

describe('configuration', () => {
  const spec = {
    port: { env: 'PORT', default: '3000', parse: parse.port, description: 'http port' },
    brokers: { env: 'BROKERS', parse: parse.list, description: 'brokers' },
  };

  it('applies defaults and parses values', () => {
    expect(loadConfig(spec, { BROKERS: 'a:1,b:2' })).toEqual({ port: 3000, brokers: ['a:1', 'b:2'] });
  });

  it('reports every problem together', () => {
    expect(() => loadConfig(spec, { PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig(spec, { PORT: 'eighty' });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual(['PORT: "eighty" is not a port number (http port)', 'BROKERS is required (brokers)']);
    }
  });
});

describe('retries', () => {
  it('waits longer after each failure, up to the ceiling', () => {
    const ceilings = [0, 1, 2, 3, 10].map((n) => Math.max(...Array.from({ length: 200 }, () => backoffDelay(n, { initialMs: 100, maxMs: 1_000 }))));
    expect(ceilings[0]).toBeLessThanOrEqual(100);
    expect(ceilings[3]).toBeGreaterThan(ceilings[0]);
    expect(ceilings[4]).toBeLessThanOrEqual(1_000);
  });

  it('retries until the call succeeds', async () => {
    let calls = 0;
    const result = await retryUntilSuccess('flaky', async () => (++calls < 3 ? Promise.reject(new Error('not yet')) : 'done'), createLogger('t', 'silent'), {
      initialMs: 1,
      maxMs: 2,
    });
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('stops retrying when aborted', async () => {
    const abort = new AbortController();
    const pending = retryUntilSuccess('never', () => Promise.reject(new Error('down')), createLogger('t', 'silent'), { signal: abort.signal, initialMs: 1_000 });
    abort.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});
