import { parseEventKeyRing, type EventKeyRing } from '@pengaduan/contracts';
import { parseSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import { UsageError } from './cli-args';

/**
 * The published keys from a file's text (or `EVENT_PUBLIC_KEYS`): entries `<key id>=<source>=<base64 SPKI>`
 * separated by commas or new lines; blank lines and `#` comments are ignored. Undefined for no keys.
 */
export function parseKeys(text: string | undefined, origin: string): EventKeyRing | undefined {
  if (text === undefined) return undefined;
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .join(',');
  if (entries === '') throw new UsageError(`${origin}: no published key in it`);
  try {
    return parseEventKeyRing(entries);
  } catch (error) {
    throw new UsageError(`${origin}: ${(error as Error).message}`);
  }
}

/** The what-if policies from a file's JSON: `{ "<office code>" | "*": <SlaPolicy, as libs/sop parseSlaPolicy takes> }`. */
export function parsePolicyFile(text: string, origin: string): Record<string, SlaPolicy> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${origin}: not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.keys(json).length === 0) {
    throw new UsageError(`${origin}: expected a JSON object of office code (or "*") → SLA policy`);
  }
  const policies: Record<string, SlaPolicy> = {};
  const problems: string[] = [];
  for (const [office, raw] of Object.entries(json as Record<string, unknown>)) {
    const parsed = parseSlaPolicy(raw);
    if (parsed.ok) policies[office] = parsed.policy;
    else problems.push(...parsed.problems.map((p) => `${office}.${p}`));
  }
  if (problems.length > 0) throw new UsageError(`${origin}: ${problems.join('; ')}`);
  return policies;
}
