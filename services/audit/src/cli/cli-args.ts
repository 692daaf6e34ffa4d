import { COMPLAINT_EVENTS_TOPIC } from '@pengaduan/contracts';

/** What `npm run audit -- …` was asked to do. */
export interface AuditArgs {
  readonly brokers: string[];
  readonly topic: string;
  readonly office?: string;
  readonly from?: string;
  readonly to?: string;
  readonly complaintId?: string;
  readonly keysFile?: string;
  readonly policyFile?: string;
  readonly asOf?: string;
  readonly json?: string;
  readonly csv?: string;
  readonly html?: string;
  /** A document (PDF) to check against the hashes the record's events carry. */
  readonly checkDocument?: string;
  /** Threads verifying signatures (0: on the main thread); the default depends on the cores. */
  readonly verifyThreads?: number;
  readonly help: boolean;
}

export const USAGE = `npm run audit -- [options]

Reads the complaint topic from its beginning with a reader of its own (never a service's consumer
group, never a committed offset), rebuilds every complaint's history with libs/sop and reports
every illegal transition, missing step, duplicate and wrong role, each step's duration and SLA
outcome, and optionally the state of every complaint at a time. With published keys only events
that verify against a key published for their source are replayed; every other one (unsigned,
unknown key, another source's key, forged or altered) is refused and listed apart, with the
genuine event it contradicts, and changes no complaint's state, SLA or findings. Each complaint
is reported when it closes and then forgotten, so memory follows the open complaints.

  --brokers h:p[,h:p]   Kafka brokers (default: KAFKA_BROKERS); a broker with TLS and SASL is
                        reached with the services' variables (KAFKA_SSL_CA, KAFKA_SASL_MECHANISM,
                        KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)
  --topic NAME          the topic (default: ${COMPLAINT_EVENTS_TOPIC})
  --office CODE         only this office's complaints
  --from ISO            only complaints received at or after this time
  --to ISO              only complaints received before this time
  --complaint ID        only this complaint
  --keys FILE           the published keys (<key id>=<source>=<base64 SPKI>, one a line or comma separated;
                        default: EVENT_PUBLIC_KEYS); without keys NOTHING is verified: every event is
                        replayed as it is, a forged one too, and the report says so
  --policy FILE         what-if SLA policy: JSON {"<office code>" | "*": <libs/sop SlaPolicy>}
  --as-of ISO           also answer the state of every complaint at this time
  --json FILE           write the whole report as JSON
  --csv FILE            write one row per complaint as CSV, and the refused events to FILE.refused.csv
                        (a.csv → a.refused.csv)
  --html FILE           write a self-contained HTML report
  --check-document PDF  also check a document (a printed copy's file, a download): which event of the
                        record carries its SHA-256, and whether that event's signature verifies;
                        a document no single signed event vouches for makes the exit status 1
  --verify-threads N    threads verifying the signatures while the main thread judges (default: one
                        per core; 0 verifies on the main thread)
  --help                this text

Exit status: 0 no violation, 1 violations or refused events found, 2 bad usage or the broker cannot be read.`;

const VALUED = ['brokers', 'topic', 'office', 'from', 'to', 'complaint', 'keys', 'policy', 'as-of', 'json', 'csv', 'html', 'check-document', 'verify-threads'] as const;
type Valued = (typeof VALUED)[number];

export class UsageError extends Error {}

function iso(name: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--${name}: expected an ISO-8601 date or time with its zone (2026-03-01 or 2026-03-01T12:00:00Z), got ${JSON.stringify(value)}`);
  }
  return new Date(value).toISOString();
}

/**
 * The command line (`--name value` or `--name=value`).
 *
 * @throws {@link UsageError} naming what is wrong
 */
export function parseAuditArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): AuditArgs {
  const { values, help } = readArgv(argv);
  const brokers = (values.brokers ?? env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (!help && brokers.length === 0) throw new UsageError('no brokers: give --brokers or set KAFKA_BROKERS');
  const from = values.from === undefined ? undefined : iso('from', values.from);
  const to = values.to === undefined ? undefined : iso('to', values.to);
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError('--from must be before --to');
  const threads = values['verify-threads'];
  if (threads !== undefined && !/^\d{1,3}$/.test(threads)) throw new UsageError(`--verify-threads: expected a number of threads (0 verifies on the main thread), got ${JSON.stringify(threads)}`);
  return {
    brokers,
    topic: values.topic ?? COMPLAINT_EVENTS_TOPIC,
    ...given({
      office: values.office,
      from,
      to,
      complaintId: values.complaint,
      keysFile: values.keys,
      policyFile: values.policy,
      asOf: values['as-of'] === undefined ? undefined : iso('as-of', values['as-of']),
      json: values.json,
      csv: values.csv,
      html: values.html,
      checkDocument: values['check-document'],
      verifyThreads: threads === undefined ? undefined : Number(threads),
    }),
    help,
  };
}

/** Each option's value as written, and whether help was asked for; refuses an unknown, empty or repeated option. */
function readArgv(argv: readonly string[]): { values: Partial<Record<Valued, string>>; help: boolean } {
  const values: Partial<Record<Valued, string>> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !(VALUED as readonly string[]).includes(m[1])) throw new UsageError(`unknown argument ${JSON.stringify(arg)} (see --help)`);
    const name = m[1] as Valued;
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (values[name] !== undefined) throw new UsageError(`--${name} given twice`);
    values[name] = value;
  }
  return { values, help };
}

/** The fields that have a value: an option not given is left out of the answer, not set to `undefined`. */
function given<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
