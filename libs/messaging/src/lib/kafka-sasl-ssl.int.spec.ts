/**
 * Kafka over TLS with SASL/SCRAM (docs/adr/0028): the messaging lib's own client factory, given
 * what loadKafkaSecurity reads from KAFKA_SSL_CA and KAFKA_SASL_*, produces and consumes through
 * the SASL_SSL listener of a broker of its own (the same Apache Kafka, deploy/local/kafka.sh),
 * and is refused with a wrong password or a CA that did not sign the broker's certificate.
 * Skipped only where there is no Java to run the broker.
 */
import { javaAvailable, SaslSslKafka, TestCertificates } from '@pengaduan/testing';
import { createLogger } from '@pengaduan/runtime';
import { randomUUID } from 'node:crypto';
import { createIdempotentProducer, createKafka } from './kafka';
import { loadKafkaSecurity, type KafkaSecurity } from './kafka-security';

const logger = createLogger('kafka-sasl-ssl-test', 'silent');
const describeWithJava = javaAvailable() ? describe : describe.skip;

describeWithJava('Kafka over SASL_SSL (SCRAM-SHA-512)', () => {
  let broker: SaslSslKafka;
  const disconnect: (() => Promise<void>)[] = [];

  const securityOf = (user: string, password = broker.users[user] as string, ca = broker.caFile): KafkaSecurity =>
    loadKafkaSecurity({ KAFKA_SSL_CA: ca, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD: password }) as KafkaSecurity;
  const kafkaAs = (security: KafkaSecurity, retries = 5) => createKafka({ brokers: broker.brokers, clientId: 'sasl-ssl-test', logger, security, connectionTimeout: 5_000, retry: { initialRetryTime: 300, retries } });

  beforeAll(async () => {
    broker = await SaslSslKafka.start(['intake', 'gateway']);
  }, 120_000);

  afterAll(async () => {
    for (const d of disconnect) await d().catch(() => undefined);
    await broker?.stop();
  }, 60_000);

  it('produces and consumes through the SASL_SSL listener as the services do', async () => {
    const topic = `sasl-ssl-${randomUUID()}`;
    const intake = kafkaAs(securityOf('intake'));
    const admin = intake.admin();
    disconnect.push(() => admin.disconnect());
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

    const producer = createIdempotentProducer(intake);
    disconnect.push(() => producer.disconnect());
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'c-1', value: 'over TLS, as intake' }] });

    const consumer = kafkaAs(securityOf('gateway')).consumer({ groupId: `sasl-ssl-${randomUUID()}` });
    disconnect.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }));
    await expect(received).resolves.toBe('over TLS, as intake');
  }, 60_000);

  it('is refused with a wrong password', async () => {
    const admin = kafkaAs(securityOf('intake', 'not-the-password'), 0).admin();
    disconnect.push(() => admin.disconnect());
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError', message: expect.stringContaining('invalid credentials') });
  });

  it('refuses a broker whose certificate another CA signed', async () => {
    const other = TestCertificates.generate(['gateway']);
    try {
      const admin = kafkaAs(securityOf('intake', undefined, other.file('ca.crt')), 0).admin();
      disconnect.push(() => admin.disconnect());
      await expect(admin.connect()).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      other.remove();
    }
  });
});
