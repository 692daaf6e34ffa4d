import { FIELD_RULES } from '@pengaduan/sop';
import { hostPatternProblem } from '../guarded-fetch/host-patterns';

/** An office code. */
export const OFFICE: RegExp = FIELD_RULES.officeCode.pattern;

/** Reads `key=value,key=value`; the value is everything after the first `=`. */
export function parsePairs(raw: string, env: string, problems: string[], checkValue?: (v: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    const problem = !key || !value ? 'expected <id>=<value>' : checkValue?.(value);
    if (problem) problems.push(`${env}: "${at > 0 ? key : item}" ${problem}`);
    else out.set(key, value);
  }
  if (out.size === 0 && problems.length === 0) problems.push(`${env}: expected at least one <id>=<value>`);
  return out;
}

export const officeValue = (v: string) => (OFFICE.test(v) ? undefined : `office "${v}" is not 2-6 capital letters`);

export function urlOf(raw: string, env: string, problems: string[]): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${env}: "${raw}" is not an http(s) URL`);
    return raw;
  }
}

/** Reads `host,*.domain,…` (lower-cased), naming each pattern that cannot be used. */
export function hostPatternsOf(raw: string, env: string, problems: string[]): string[] {
  const patterns = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const p of patterns) {
    const problem = hostPatternProblem(p);
    if (problem) problems.push(`${env}: "${p}" ${problem}`);
  }
  return patterns;
}
