// npm run bench:replay -- [--events 1000000] [--offices 8] [--batch 10000] [--verify-threads N] [--unchained] [--child-heap-mib 256] [--child-semi-space-mib 16]
//
// The auditors' replay (services/audit) on a large log: `--events` signed events (complete
// complaint histories decided by libs/sop, each event signed by its service's Ed25519 key and
// hash-chained per source and partition as the relays do, ADR 0034, unless --unchained) are
// generated in memory and produced to a bench topic of their own in big batches; then
//   (a) the pure core (`Auditor`, each complaint counted and dropped as it closes: parse, duplicate check, signature, libs/sop history, SLA
//       clocks) over the records in memory, on one thread, and again with the signatures verified
//       on the pool of `--verify-threads` threads (default: the CLI's, one per core), and
//   (b) end to end as the CLI does it, in a fresh process: read the topic from the beginning with
//       the audit's reader (own group, nothing committed), signatures verified on the pool (0
//       threads: on the main thread), parse, check, each complaint's report spooled when it
//       closes, then the terminal, JSON, CSV and HTML reports written (TypeScript through
//       @swc-node/register, as before), and
//   (c) the CLI as the auditors run it: services/audit compiled with tsc, `node
//       services/audit/dist/main.js` with the published keys, the same reports written;
// (b) and (c) with `--child-heap-mib` / `--child-semi-space-mib` as V8 flags when given;
// each as events per second, with peak RSS (VmHWM, see lib/peak-rss.cjs). Prints and writes bench/results/replay-<when>.json.
// Not part of the tests.
import { COMPLAINT_EVENTS_TOPIC, TOPIC_DEFINITIONS } from '@pengaduan/contracts';
import { provideTestInfrastructure, releaseTestInfrastructure, testKafka, uniqueSuffix } from '@pengaduan/testing';
import { runAuditCli } from './lib/audit-cli';
import { arg, writeResult } from './lib/bench-io';
import { endToEnd, runChild } from './replay/end-to-end';
import { pureCore } from './replay/pure-core';
import { CHILD_NODE_FLAGS, log, perSecond, VERIFY_THREADS } from './replay/replay-options';
import { printReplay, replayResult } from './replay/replay-result';
import { benchKeys, produceSignedLog } from './replay/signed-log';

async function main(): Promise<void> {
  const EVENTS = arg('events', 1_000_000);
  const OFFICES = arg('offices', 8);
  const BATCH = arg('batch', 10_000);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  const partitions = TOPIC_DEFINITIONS.find((t) => t.name === COMPLAINT_EVENTS_TOPIC)?.partitions ?? 6;
  const topic = `bench.replay.${uniqueSuffix()}`;
  const admin = testKafka('bench-replay-admin').admin();
  await admin.connect();
  try {
    // Big batches: a partition's share of one send is a single record batch, above the broker's 1 MB default.
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(64 * 1024 * 1024) }] }], waitForLeaders: true });
    const { signing, published, keyRing } = benchKeys();

    log(`generating, signing and producing ${EVENTS} events to ${topic} (${partitions} partitions)`);
    const signed = await produceSignedLog({ topic, partitions, events: EVENTS, offices: OFFICES, batch: BATCH, signing });
    const { records, complaints, bytes, generateMs, produceMs } = signed;
    log(`${records.length} events (${complaints} complaints, ${Math.round(bytes / 1024 / 1024)} MiB): generated and signed in ${Math.round(generateMs / 1000)} s, produced in ${Math.round(produceMs / 1000)} s`);

    const core = await pureCore(records, keyRing);

    // (b) End to end, in a process of its own.
    log('(b) end to end: reading the topic with the audit reader in a fresh process');
    const e2e = await runChild(__filename, topic, { ...process.env, EVENT_PUBLIC_KEYS: published.join(',') });
    if (e2e['records'] !== records.length || e2e['violations'] !== 0 || e2e['complete'] !== true) throw new Error(`end-to-end run read ${JSON.stringify(e2e)}`);
    log(`(b) end to end: ${records.length} events in ${(Number(e2e['totalMs']) / 1000).toFixed(1)} s = ${perSecond(records.length, Number(e2e['totalMs']))} events/s, peak RSS ${e2e['peakRssMiB']} MiB`);

    log('(c) the CLI as the auditors run it: services/audit compiled, node services/audit/dist/main.js');
    const cli = await runAuditCli({ brokers: infra.kafkaBrokers.join(','), topic, publishedKeys: published, nodeFlags: CHILD_NODE_FLAGS, args: ['--verify-threads', String(VERIFY_THREADS)] });
    if (cli.exitCode !== 0 || cli.records !== records.length) throw new Error(`the CLI exited ${cli.exitCode} after reading ${cli.records} records`);
    log(`(c) the CLI: ${records.length} events in ${cli.seconds.toFixed(1)} s = ${perSecond(records.length, cli.seconds * 1000)} events/s, peak RSS ${cli.peakRssMiB} MiB`);

    const result = replayResult({ log: signed, partitions, core, e2e, cli });
    printReplay(result);
    process.stdout.write(`\nwritten to ${writeResult('replay', result)}\n`);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await releaseTestInfrastructure(infra, log);
  }
}

const phase = process.argv.indexOf('--phase-end-to-end');
(phase >= 0 ? endToEnd(process.argv[phase + 1]) : main()).catch((err: Error) => {
  process.stderr.write(`[bench:replay] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
