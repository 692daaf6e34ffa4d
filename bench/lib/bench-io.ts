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

/** Whether `--name` is on the command line. */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** `--name X` from the command line, or `fallback`. */
export function textArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** `--name X` as a number of at least `min` (fractions allowed: a rate of 0.5/s), or `fallback`. */
export function numberArg(name: string, fallback: number, min = 0): number {
  const value = Number(textArg(name, String(fallback)));
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number of at least ${min}`);
  return value;
}

/** `--name 1,2,4` as positive numbers, or `fallback`. */
export function listArg(name: string, fallback: readonly number[]): number[] {
  const values = textArg(name, fallback.join(',')).split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`--${name} must be positive numbers separated by commas`);
  return values;
}

/** A one-line log on stderr, with the time, for a bench named `name`. */
export function benchLog(name: string): (message: string) => void {
  return (message) => process.stderr.write(`[${name} ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
