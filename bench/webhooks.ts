// npm run bench:webhooks -- [--messages 5000] [--concurrency 32] [--warmup 200]
//
// Signed WhatsApp webhooks against the real stack (every service as its own process, real Kafka
// and Postgres), through the platform's public port (the gateway forwards /webhooks/… to intake):
//   1. `--messages` webhooks, each a text from a new complainant, signed with the app secret as
//      Meta signs them, `--concurrency` in flight at once: how many are acknowledged per second
//      (200 = stored durably in intake's table) and the latency of each (p50/p95/p99/max);
//   2. meanwhile and after, how fast intake turns them into complaints (complaint.received on the
//      topic), and intake's and the gateway's peak memory.
// Prints and writes bench/results/webhooks-<when>.json. Not part of the tests.
import { FakeWhatsApp, provideTestInfrastructure, randomOfficeCode, releaseTestInfrastructure, sql, startPlatformStack } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { arg, writeResult } from './lib/bench-io';
import { percentile } from './lib/sop-driver';

const MESSAGES = arg('messages', 5_000);
const C = arg('concurrency', 32);
const WARMUP = arg('warmup', 200);
const log = (m: string) => process.stderr.write(`[bench:webhooks ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  const office = randomOfficeCode();
  const appSecret = randomBytes(16).toString('hex');
  const accessToken = `EAAG${randomBytes(12).toString('hex')}`;
  const whatsapp = await new FakeWhatsApp({ appSecret, accessToken }).start();
  const stack = await startPlatformStack({
    extraEnv: ({ gatewayUrl }) => ({
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: gatewayUrl,
      META_GRAPH_URL: whatsapp.url,
      WHATSAPP_PHONE_NUMBERS: `${whatsapp.phoneNumberId}=${office}`,
      WHATSAPP_ACCESS_TOKEN: accessToken,
      WHATSAPP_APP_SECRET: appSecret,
      WHATSAPP_VERIFY_TOKEN: 'bench',
    }),
    compiled: true,
    defaultPolling: true,
  });
  const url = `${stack.gatewayUrl}/webhooks/whatsapp`;
  const intakeSchema = stack.schemas['intake'];
  let n = 0;
  const post = async (): Promise<{ ms: number; ok: boolean }> => {
    const i = n++;
    const { body } = whatsapp.textWebhookBody(`62812${String(i).padStart(8, '0')}`, 'Petugas meminta biaya tambahan di luar ketentuan untuk pembuatan paspor.', {
      messageId: `wamid.bench.${randomBytes(8).toString('hex')}.${i}`,
    });
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': whatsapp.sign(body) } });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200 };
  };
  const run = async (count: number): Promise<{ latencies: number[]; failed: number; seconds: number }> => {
    const latencies: number[] = [];
    let failed = 0;
    let left = count;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (left > 0) {
          left -= 1;
          const r = await post();
          latencies.push(r.ms);
          if (!r.ok) failed += 1;
        }
      }),
    );
    return { latencies: latencies.sort((a, b) => a - b), failed, seconds: (performance.now() - t0) / 1000 };
  };
  const processed = async () => Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${intakeSchema}".inbound_message WHERE status = 'PROCESSED'`))[0].n);

  try {
    log(`warm-up: ${WARMUP} webhooks`);
    await run(WARMUP);
    while ((await processed()) < WARMUP) await new Promise((r) => setTimeout(r, 200));

    log(`${MESSAGES} signed webhooks, ${C} at once`);
    const t0 = performance.now();
    const burst = await run(MESSAGES);
    const processedAtEnd = (await processed()) - WARMUP;
    while ((await processed()) < WARMUP + MESSAGES) await new Promise((r) => setTimeout(r, 200));
    const drainedS = (performance.now() - t0) / 1000;

    const result = {
      when: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      messages: MESSAGES,
      concurrency: C,
      path: 'public port (gateway) → intake: verify X-Hub-Signature-256, parse, insert (unique provider message id), commit, 200',
      acknowledged: {
        perSecond: round((MESSAGES - burst.failed) / burst.seconds),
        failed: burst.failed,
        latencyMs: {
          p50: round(percentile(burst.latencies, 50)),
          p95: round(percentile(burst.latencies, 95)),
          p99: round(percentile(burst.latencies, 99)),
          max: round(burst.latencies[burst.latencies.length - 1]),
        },
      },
      processing: {
        doneWhenBurstEnded: processedAtEnd,
        allComplaintsRegisteredAfterS: round(drainedS),
        complaintsPerSecond: round(MESSAGES / drainedS),
      },
      peakMemoryMiB: { intake: stack.processes['intake'].peakMemoryMiB(), gateway: stack.processes['gateway'].peakMemoryMiB() },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    log(`written to ${writeResult('webhooks', result)}`);
  } finally {
    await stack.stop();
    await stack.dispose();
    await whatsapp.stop();
    await releaseTestInfrastructure(infra, log);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
