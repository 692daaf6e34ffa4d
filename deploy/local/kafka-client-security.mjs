// kafkajs `ssl` and `sasl` options from KAFKA_SSL_CA and KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD,
// as libs/messaging's loadKafkaSecurity reads them for the services (docs/adr/0028): for the
// scripts that talk to Kafka themselves (topics.mjs, deploy/docker/init.mjs). None set: plaintext.
import { readFileSync } from 'node:fs';

export function kafkaClientSecurity(env = process.env) {
  const ca = env.KAFKA_SSL_CA;
  const mechanism = env.KAFKA_SASL_MECHANISM;
  return {
    ...(ca ? { ssl: { ca: [readFileSync(ca, 'utf8')] } } : {}),
    ...(mechanism ? { sasl: { mechanism, username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' } } : {}),
  };
}
