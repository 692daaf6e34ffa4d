import { ConfigError, loadConfig, type ConfigSpec } from '@pengaduan/runtime';
import { parseArgs } from 'node:util';
import { withIntakeDataSource } from './cli-data-source';
import { contactKeyProblems, INTAKE_CONFIG, loadIntakeConfig, type IntakeConfig, type IntakeServiceConfig } from './config';
import { intakeKeys } from './reporter-contact/intake-keys';
import { runReplayErasures } from './personal-data/replay-erasures-cli';
import { runRetentionNow } from './personal-data/retention-cli';
import { resealContacts } from './reporter-contact/reseal-contacts';

/** intake's operator commands: `main.js <command>`; anything else is runService's. */
export const INTAKE_COMMANDS = ['reseal-contacts', 'apply-retention', 'replay-erasures'];

const USAGE = `usage:
  main.js reseal-contacts [--batch <rows, default 500>]
      re-seals every contact (and channel message, quarantined request) not under the newest key of
      REPORTER_CONTACT_KEYS and re-digests every sender not under the newest digest version, in
      batches, while intake serves; run it again after an interruption (docs/adr/0026)
  main.js apply-retention
      erases now the personal data of every closed complaint past PERSONAL_DATA_RETENTION_DAYS and
      writes the destruction records (berita acara pemusnahan), as the daily job does (docs/adr/0057)
  main.js replay-erasures
      after a restore of both the data and the key store to before an erasure: reads the complaint
      topic from its beginning and re-applies every complaint.personal-data-erased (docs/adr/0057)`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

type CliConfig = Pick<IntakeConfig, 'databaseUrl' | 'databaseSchema' | 'reporterContactKey' | 'reporterContactKeys' | 'senderDigestKeys'>;

/** What the commands read: the database and the keys, nothing of Kafka or the channels. */
const INTAKE_CLI_CONFIG: ConfigSpec<CliConfig> = {
  databaseUrl: INTAKE_CONFIG.databaseUrl,
  databaseSchema: INTAKE_CONFIG.databaseSchema,
  reporterContactKey: INTAKE_CONFIG.reporterContactKey,
  reporterContactKeys: INTAKE_CONFIG.reporterContactKeys,
  senderDigestKeys: INTAKE_CONFIG.senderDigestKeys,
};

const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

/**
 * Runs one of intake's operator commands with the service's own database URL and keys; it
 * applies pending migrations first. Keys are never printed, only their ids. Resolves with the
 * exit code.
 */
export async function runIntakeCli(args: string[], io: CliIo = processIo()): Promise<number> {
  if (args[0] === 'apply-retention') return serviceCommand('apply-retention', args.slice(1), io, (config) => runRetentionNow(config, io.out));
  if (args[0] === 'replay-erasures') return serviceCommand('replay-erasures', args.slice(1), io, (config) => runReplayErasures(config, io.out, io.err));
  let batch: number;
  try {
    if (args[0] !== 'reseal-contacts') throw new Error(`unknown command ${args[0] ?? '(none)'}`);
    const { values } = parseArgs({ args: args.slice(1), strict: true, options: { batch: { type: 'string', default: '500' } } });
    batch = Number(values.batch);
    if (!Number.isInteger(batch) || batch <= 0) throw new Error('--batch must be a positive integer');
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let config: CliConfig;
  try {
    config = loadConfig(INTAKE_CLI_CONFIG, io.env);
    const problems = contactKeyProblems(config);
    if (problems.length > 0) throw new ConfigError(problems);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    return EXIT_CONFIG;
  }
  try {
    const counts = await withIntakeDataSource(config, (ds) => resealContacts(ds, intakeKeys(config), { batch, out: io.out }));
    // 75 (EX_TEMPFAIL): rows were left (held by intake meanwhile, or unreadable); run it again.
    return counts.some((c) => c.left > 0) ? 75 : 0;
  } catch (err) {
    io.err(`failed: ${(err as Error).message}`);
    return 1;
  }
}

/** A command with intake's whole configuration (it records events, or reads the topic): no arguments. */
async function serviceCommand(name: string, rest: string[], io: CliIo, run: (config: IntakeServiceConfig) => Promise<unknown>): Promise<number> {
  if (rest.length > 0) {
    io.err(`${name} takes no arguments\n${USAGE}`);
    return EXIT_USAGE;
  }
  let config: IntakeServiceConfig;
  try {
    config = loadIntakeConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    return EXIT_CONFIG;
  }
  try {
    await run(config);
    return 0;
  } catch (err) {
    io.err(`failed: ${(err as Error).message}`);
    return 1;
  }
}

function processIo(): CliIo {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
