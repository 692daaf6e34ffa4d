import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const REPO_ROOT = join(__dirname, '..', '..');

export interface AuditCliRun {
  readonly exitCode: number | null;
  /** From the start of the process to its exit: start-up, reading, judging and writing the reports. */
  readonly seconds: number;
  /** The records the CLI says it read (its `read N records` line). */
  readonly records: number;
  readonly peakRssMiB: number;
  /** CPU of all its threads. */
  readonly cpuSeconds: number;
}

/**
 * `npm run audit` as the auditors run it: services/audit compiled by tsc (the script's build), then
 * `node [nodeFlags] services/audit/dist/main.js` reading `topic` with the published keys from a
 * file and writing the JSON, CSV and HTML reports to a temporary directory; its peak RSS comes
 * from ./peak-rss.cjs, preloaded.
 */
export async function runAuditCli(options: { brokers: string; topic: string; publishedKeys: readonly string[]; nodeFlags: readonly string[]; args: readonly string[] }): Promise<AuditCliRun> {
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--build', 'services/audit/tsconfig.app.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`tsc --build services/audit/tsconfig.app.json exited ${build.status}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-cli-'));
  try {
    writeFileSync(join(dir, 'keys.txt'), `${options.publishedKeys.join('\n')}\n`);
    const peakFile = join(dir, 'peak-rss.json');
    const argv = [...options.nodeFlags, '-r', join(__dirname, 'peak-rss.cjs'), 'services/audit/dist/main.js', '--brokers', options.brokers, '--topic', options.topic, '--keys', join(dir, 'keys.txt')];
    argv.push('--json', join(dir, 'a.json'), '--csv', join(dir, 'a.csv'), '--html', join(dir, 'a.html'), ...options.args);
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { cwd: REPO_ROOT, env: { ...process.env, EVENT_PUBLIC_KEYS: '', BENCH_PEAK_RSS_FILE: peakFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const exitCode = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('exit', resolve));
    const seconds = (performance.now() - t0) / 1000;
    if (exitCode !== 0) process.stderr.write(stderr);
    const records = Number(/read (\d+) records of/.exec(stderr)?.[1] ?? 0);
    const { peakRssMiB, cpuSeconds } = JSON.parse(readFileSync(peakFile, 'utf8')) as { peakRssMiB: number; cpuSeconds: number };
    return { exitCode, seconds, records, peakRssMiB, cpuSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
