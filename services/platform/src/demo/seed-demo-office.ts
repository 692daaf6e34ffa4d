import { DEMO_OFFICE, runGatewayCli } from '@pengaduan/gateway';

export interface DemoSeed {
  /** The lines of the officers created now, each with its password (`created <user> (…) password: …`). */
  created: string[];
  /** The officers that existed already. */
  existing: string[];
}

/**
 * The demo office BLP with one officer per role: the gateway's `seed-demo` command, called as a
 * function with the gateway's environment. Idempotent: an officer that exists keeps its password,
 * so only a first start has passwords to show. The office's sections are disposition's own data,
 * seeded by its first migration.
 */
export async function seedDemoOffice(gatewayEnv: NodeJS.ProcessEnv): Promise<DemoSeed> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGatewayCli(['seed-demo'], { env: gatewayEnv, out: (line) => out.push(line), err: (line) => err.push(line) });
  if (code !== 0) throw new Error(`seeding the demo office ${DEMO_OFFICE} failed (exit ${code}): ${err.join('; ')}`);
  return {
    created: out.filter((line) => line.startsWith('created ')),
    existing: out.filter((line) => line.startsWith('exists ')).map((line) => line.replace(/^exists\s+([^:]+):.*$/, '$1')),
  };
}
