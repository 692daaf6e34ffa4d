import fc from 'fast-check';

/**
 * The pieces every fuzz test of a JSON parser or a request body draws from: the names that reach
 * Object.prototype, huge strings, values thousands deep, arbitrary JSON text keyed with the
 * payload's own field names, and a real payload with parts replaced, removed or added. Text,
 * never values: a parser reads `__proto__` in text as an own key, and fast-check never walks a
 * value thousands deep itself.
 */

/** Keys that name Object.prototype's members, or that code tests by name (`then`, `length`). */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toJSON', 'then', 'length'];

/** A string of 10 000 to `max` characters of one kind (ASCII, a space, an emoji, a digit, NUL). */
export function hugeString(max = 200_000): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('x', ' ', '😀', '9', '\u0000'), fc.integer({ min: 10_000, max })).map(([c, n]) => c.repeat(n));
}

/** Arrays or objects nested 1 000 to 30 000 deep, as JSON text. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.integer({ min: 1_000, max: 30_000 }))
  .map(([arrays, n]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/**
 * JSON text of any value built from `leaf` texts, objects keyed with `keys` and
 * {@link PROTOTYPE_KEYS} among arbitrary ones, and now and then a huge string or a value
 * thousands deep.
 */
export function hostileJsonText(keys: readonly string[], leaf: fc.Arbitrary<string>, options: { maxDepth?: number; hugeMax?: number } = {}): fc.Arbitrary<string> {
  const key = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...keys) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) });
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: options.maxDepth ?? 5 },
      leaf,
      fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  }));
  return fc.oneof({ weight: 40, arbitrary: node }, { weight: 1, arbitrary: hugeString(options.hugeMax).map((h) => JSON.stringify(h)) }, { weight: 1, arbitrary: deepJsonText });
}

/** Where in a JSON value a part is: keys and indices from the root. */
export type JsonPath = (string | number)[];
/** One change to a JSON value: its part at `path` replaced by `value` (JSON text), removed, or given a member `key`. */
export interface JsonMutation {
  path: JsonPath;
  op: 'replace' | 'delete' | 'add';
  key: string;
  value: string;
}

/** Every part of `value`, the root first. */
export function jsonPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => jsonPaths(v, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([k, v]) => jsonPaths(v, [...path, k]))];
  return [path];
}

/** Every key in `value`, at any depth. */
export function jsonKeys(value: unknown): string[] {
  return [...new Set(jsonPaths(value).flatMap((p) => p.filter((s): s is string => typeof s === 'string')))];
}

const samePath = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((p, i) => p === b[i]);

/** `value` as JSON text with the mutations applied (their values are JSON text already). */
export function mutatedJsonText(value: unknown, mutations: readonly JsonMutation[], path: JsonPath = []): string {
  const here = mutations.filter((m) => samePath(m.path, path));
  const replaced = here.find((m) => m.op === 'replace');
  if (replaced) return replaced.value;
  const kept = (child: string | number) => !mutations.some((m) => m.op === 'delete' && samePath(m.path, [...path, child]));
  const added = here.filter((m) => m.op === 'add');
  if (Array.isArray(value)) return `[${[...value.flatMap((v, i) => (kept(i) ? [mutatedJsonText(v, mutations, [...path, i])] : [])), ...added.map((m) => m.value)].join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).flatMap(([k, v]) => (kept(k) ? [`${JSON.stringify(k)}:${mutatedJsonText(v, mutations, [...path, k])}`] : []));
    return `{${[...entries, ...added.map((m) => `${JSON.stringify(m.key)}:${m.value}`)].join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One of the real `templates` as JSON text, with up to four parts replaced by `value`, removed, or added (under its own keys or prototype keys). */
export function mutatedJson(templates: readonly unknown[], value: fc.Arbitrary<string>, keys: readonly string[] = [...new Set(templates.flatMap(jsonKeys))]): fc.Arbitrary<string> {
  return fc.constantFrom(...templates).chain((template) =>
    fc
      .array(
        fc.record({
          path: fc.constantFrom(...jsonPaths(template)),
          op: fc.constantFrom<JsonMutation['op']>('replace', 'replace', 'delete', 'add'),
          key: fc.constantFrom(...PROTOTYPE_KEYS, ...keys),
          value,
        }),
        { minLength: 0, maxLength: 4 },
      )
      .map((mutations) => mutatedJsonText(template, mutations)),
  );
}
