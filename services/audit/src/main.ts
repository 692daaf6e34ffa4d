// The auditors' replay (issue 6): `npm run audit -- --help`; see README.md, "Audit replay".
import type { EventKeyRing } from '@pengaduan/contracts';
import { loadKafkaSecurity, TopicUnavailableError, type KafkaSecurity } from '@pengaduan/messaging';
import { readFileSync } from 'node:fs';
import { Auditor } from './audit-core/auditor';
import { describeDocumentCheck, DocumentCheck } from './check-document/document-check';
import { parseAuditArgs, UsageError, USAGE, type AuditArgs } from './cli/cli-args';
import { parseKeys, parsePolicyFile } from './cli/inputs';
import { readVerified } from './verify-signatures/read-verified';
import { defaultVerifyThreads } from './verify-signatures/signature-pool';
import { SpoolSink, writeReports } from './write-report/spool';

const EXIT_CLEAN = 0;
const EXIT_VIOLATIONS = 1;
const EXIT_USAGE = 2;

const err = (message: string) => process.stderr.write(`audit: ${message}\n`);

function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
}

/** The broker's TLS and SASL settings, read as the services read them; a wrong one is a usage error. */
function kafkaSecurityOf(env: NodeJS.ProcessEnv): { security?: KafkaSecurity } {
  try {
    const security = loadKafkaSecurity(env);
    return security ? { security } : {};
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function audit(args: AuditArgs): Promise<number> {
  const keyRing = args.keysFile !== undefined ? parseKeys(readInput(args.keysFile, 'keys'), args.keysFile) : parseKeys(process.env['EVENT_PUBLIC_KEYS'] || undefined, 'EVENT_PUBLIC_KEYS');
  // Each complaint's report is spooled to a temporary file when it closes: memory holds only the open ones.
  const spool = new SpoolSink();
  try {
    return await replay(args, keyRing, spool);
  } finally {
    spool.dispose();
  }
}

async function replay(args: AuditArgs, keyRing: EventKeyRing | undefined, spool: SpoolSink): Promise<number> {
  const whatIfPolicies = args.policyFile === undefined ? undefined : parsePolicyFile(readInput(args.policyFile, 'policy'), args.policyFile);
  const auditor = new Auditor(auditorOptions(args, keyRing, whatIfPolicies), spool);
  const documentCheck = args.checkDocument === undefined ? undefined : documentCheckOf(args.checkDocument, keyRing);
  const started = Date.now();
  const read = await readVerified({
    brokers: args.brokers,
    ...kafkaSecurityOf(process.env),
    topic: args.topic,
    ...(keyRing ? { keyRing } : {}),
    threads: args.verifyThreads ?? defaultVerifyThreads(),
    judge: (r, verdict) => {
      auditor.add(r, verdict);
      documentCheck?.add(r);
    },
    log: err,
  });
  noticeIncompleteReads(auditor, read.partitions);
  const report = auditor.finish();
  err(`read ${report.records.read} records of ${args.topic} in ${((Date.now() - started) / 1000).toFixed(1)} s (reader group ${read.groupId}, deleted, nothing committed)`);
  process.stdout.write(writeReports(report, spool.lists(), { ...(args.json ? { json: args.json } : {}), ...(args.csv ? { csv: args.csv } : {}), ...(args.html ? { html: args.html } : {}), title: `Audit replay of ${args.topic}` }));
  const checked = documentCheck?.result();
  if (checked) process.stdout.write(`\n${describeDocumentCheck(checked)}`);
  const partial = read.partitions.some((p) => !p.complete);
  if (partial) err('the topic was not read completely: see the notices');
  return report.clean && (checked === undefined || checked.genuine) ? EXIT_CLEAN : EXIT_VIOLATIONS;
}

type AuditorOptions = ConstructorParameters<typeof Auditor>[0];

/** What the auditor judges by: the keys, the filters asked for, a what-if SLA policy and the time to answer the state at. */
function auditorOptions(args: AuditArgs, keyRing: EventKeyRing | undefined, whatIfPolicies: AuditorOptions['whatIfPolicies']): AuditorOptions {
  return {
    ...(keyRing ? { keyRing } : {}),
    filters: {
      ...(args.office === undefined ? {} : { office: args.office }),
      ...(args.complaintId === undefined ? {} : { complaintId: args.complaintId }),
      ...(args.from === undefined ? {} : { from: args.from }),
      ...(args.to === undefined ? {} : { to: args.to }),
    },
    ...(whatIfPolicies ? { whatIfPolicies } : {}),
    ...(args.asOf === undefined ? {} : { asOf: args.asOf }),
    now: new Date().toISOString(),
  };
}

function documentCheckOf(file: string, keyRing: EventKeyRing | undefined): DocumentCheck {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read the document ${file}: ${(error as Error).message}`);
  }
  return new DocumentCheck(file, bytes, keyRing);
}

/** A partition not read to its end, or whose first records the broker no longer has, leaves the report incomplete: it says so. */
function noticeIncompleteReads(auditor: Auditor, partitions: Awaited<ReturnType<typeof readVerified>>['partitions']): void {
  for (const p of partitions) {
    if (!p.complete) auditor.notice({ kind: 'INCOMPLETE_READ', complaintId: null, eventId: null, partition: p.partition, offset: null, message: `partition ${p.partition} was not read to its high watermark ${p.high} (${p.records} records read)` });
    if (p.low !== '0') auditor.notice({ kind: 'INCOMPLETE_READ', complaintId: null, eventId: null, partition: p.partition, offset: p.low, message: `partition ${p.partition} starts at offset ${p.low}: earlier records are no longer on the broker` });
  }
}

async function main(): Promise<number> {
  let args: AuditArgs;
  try {
    args = parseAuditArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message);
    return EXIT_USAGE;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  try {
    return await audit(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TopicUnavailableError) {
      err(error.message);
      return EXIT_USAGE;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    err(`failed: ${error.stack ?? error.message}`);
    process.exitCode = EXIT_USAGE;
  },
);
