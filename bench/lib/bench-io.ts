import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `--name N` from the command line, a positive integer, or `fallback`. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Writes a benchmark's figures to bench/results/<name>-<when>.json; answers the file. */
export function writeResult(name: string, result: { when: string }): string {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${result.when.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
