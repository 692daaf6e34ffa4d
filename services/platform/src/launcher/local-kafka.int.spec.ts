import { freePort, REPO_ROOT, testInfrastructure } from '@pengaduan/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// deploy/local/kafka.sh and deploy/local/topics.mjs find the local broker by one rule: KAFKA_BROKERS
// when set, else 127.0.0.1:$KAFKA_PORT (default 9092). So `KAFKA_PORT=… npm run kafka:start` creates
// the topics on the broker it started, and `KAFKA_BROKERS=127.0.0.1:… npm run kafka:start` starts
// the broker where the topics go. Here against the run's real broker, each script its own process.

const broker = new URL(`kafka://${testInfrastructure().kafkaBrokers[0]}`);
const port = broker.port;

/** The script with none of the run's Kafka variables but `env`. */
function run(args: string[], env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^KAFKA_/.test(k)));
  return spawnSync(args[0] as string, args.slice(1), { cwd: REPO_ROOT, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 150_000 });
}

describe('the local broker’s address', () => {
  it('topics.mjs without KAFKA_BROKERS reaches 127.0.0.1:$KAFKA_PORT, the broker kafka.sh runs there', () => {
    const r = run([process.execPath, join('deploy', 'local', 'topics.mjs')], { KAFKA_PORT: port });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining(`ready on 127.0.0.1:${port} `) });
  });

  it('kafka.sh without KAFKA_PORT takes the port of a local KAFKA_BROKERS', async () => {
    expect(run(['bash', join('deploy', 'local', 'kafka.sh'), 'status'], { KAFKA_BROKERS: `127.0.0.1:${port}` }).status).toBe(0);
    expect(run(['bash', join('deploy', 'local', 'kafka.sh'), 'status'], { KAFKA_BROKERS: `127.0.0.1:${await freePort()}` }).status).toBe(1);
    // KAFKA_PORT, when set, is the broker's port whatever KAFKA_BROKERS says.
    expect(run(['bash', join('deploy', 'local', 'kafka.sh'), 'status'], { KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, KAFKA_PORT: port }).status).toBe(0);
  });
});
