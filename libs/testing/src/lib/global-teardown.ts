import { releaseTestInfrastructure, type TestInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __pengaduanInfra?: TestInfrastructure }).__pengaduanInfra;
  if (!infra) return;
  await releaseTestInfrastructure(infra, (msg) => process.stderr.write(`[test-infrastructure] ${msg}\n`));
}
