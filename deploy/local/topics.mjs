#!/usr/bin/env node
// Creates the platform's topics from the checked-in definition
// (libs/contracts/src/lib/topic-definitions.json), and waits until the broker answers metadata requests.
// Idempotent: existing topics are left as they are (their config is checked and reported).
//
//   KAFKA_BROKERS=127.0.0.1:9092 node deploy/local/topics.mjs
//
// The broker: KAFKA_BROKERS when set, else the local broker of deploy/local/kafka.sh,
// 127.0.0.1:$KAFKA_PORT (default 9092) — the rule kafka.sh follows, so `npm run kafka:start` creates
// the topics on the broker it started, whichever of the two variables named its port.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { kafkaClientSecurity } from './kafka-client-security.mjs';

const { Kafka, logLevel } = kafkajs;
const here = dirname(fileURLToPath(import.meta.url));
const definition = JSON.parse(readFileSync(join(here, '../../libs/contracts/src/lib/topic-definitions.json'), 'utf8'));
const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`).split(',');
const kafka = new Kafka({ clientId: 'pengaduan-topics', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 }, ...kafkaClientSecurity() });
const admin = kafka.admin();

const started = Date.now();
for (let attempt = 1; ; attempt++) {
  try {
    await admin.connect();
    await admin.describeCluster();
    break;
  } catch (err) {
    if (Date.now() - started > 120_000) {
      console.error(`topics: Kafka at ${brokers.join(',')} did not answer within 120 s: ${err.message}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
  }
}

const dlqTopics = (definition.dlq.groups ?? []).map((group) => ({
  name: `${definition.dlq.namePrefix}${group}`,
  partitions: definition.dlq.partitions,
  config: definition.dlq.config,
}));
// One re-drive topic per group, beside its DLQ (docs/adr/0043).
const redriveTopics = (definition.dlq.groups ?? []).map((group) => ({
  name: `${definition.redrive.namePrefix}${group}`,
  partitions: definition.redrive.partitions,
  config: definition.redrive.config,
}));
const all = [...definition.topics, ...dlqTopics, ...redriveTopics];
const existing = new Set(await admin.listTopics());
const wanted = all.filter((t) => !existing.has(t.name));
if (wanted.length > 0) {
  await admin.createTopics({
    waitForLeaders: true,
    topics: wanted.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: t.replicationFactor ?? 1,
      configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    })),
  });
}
for (const t of all) {
  const meta = await admin.fetchTopicMetadata({ topics: [t.name] });
  const partitions = meta.topics[0].partitions.length;
  if (partitions !== t.partitions) {
    console.error(`topics: ${t.name} has ${partitions} partitions, the definition says ${t.partitions}`);
    process.exitCode = 1;
  }
}
await admin.disconnect();
console.error(`topics: ${all.map((t) => t.name).join(', ')} ready on ${brokers.join(',')} (${wanted.length} created)`);
