// npm run bench:pipeline -- [--complaints N] [--concurrency C]
//
// Drives N complaints through all eight SOP steps (the follow-up branch) over the gateway's
// REST API at concurrency C, against the real stack: every service as its own process, real
// Kafka and Postgres (KAFKA_BROKERS / DATABASE_URL, else deploy/local as in the tests). Prints
// and writes to bench/results/: complaints per second, each step's transition latency
// (command accepted -> the gateway's view shows the new state) p50/p95/p99, and peak memory
// per service. Not part of the tests.
import { provideTestInfrastructure, releaseTestInfrastructure, startPlatformStack } from '@pengaduan/testing';
import { performance } from 'node:perf_hooks';
import { arg, writeResult } from './lib/bench-io';
import { latencyTable, SopDriver } from './lib/sop-driver';

const N = arg('complaints', 40);
const C = arg('concurrency', 4);

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  const stack = await startPlatformStack({ extraEnv: { LOG_LEVEL: 'warn' } });
  try {
    const driver = await new SopDriver(stack).login();
    // One complaint first, not measured: consumers have joined their groups and caught up.
    await driver.runOne(false);
    const started = performance.now();
    await driver.runWhile(C, (done) => done < N);
    const seconds = (performance.now() - started) / 1000;

    const steps = driver.takeLatencies();
    const memory = Object.fromEntries(Object.entries(stack.processes).map(([name, p]) => [name, p.peakMemoryMiB() ?? null]));
    const result = {
      when: new Date().toISOString(),
      complaints: N,
      concurrency: C,
      seconds: Number(seconds.toFixed(1)),
      complaintsPerSecond: Number((N / seconds).toFixed(2)),
      stepLatencyMs: steps,
      peakMemoryMiB: memory,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    };
    process.stdout.write(`\n${N} complaints through all 8 steps at concurrency ${C}: ${seconds.toFixed(1)} s, ${result.complaintsPerSecond} complaints/s\n\n`);
    process.stdout.write(`${latencyTable(steps)}\n`);
    process.stdout.write(`\npeak memory (MiB): ${Object.entries(memory).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    process.stdout.write(`written to ${writeResult('pipeline', result)}\n`);
  } finally {
    await stack.stop();
    await stack.dispose();
    await releaseTestInfrastructure(infra, log);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
