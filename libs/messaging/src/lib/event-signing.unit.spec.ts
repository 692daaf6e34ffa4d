import { generateEventSigningKey } from '@pengaduan/contracts';
import { ConfigError } from '@pengaduan/runtime';
import { REPO_ROOT } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEventSigning, EVENT_SIGNING_CONFIG, loadEventSigning } from './event-signing';

const intake = generateEventSigningKey('intake-1', 'pengaduan/intake');
const disposition = generateEventSigningKey('disposition-1', 'pengaduan/disposition');

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadEventSigning(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('event signing configuration', () => {
  it('is off when neither variable is set', () => {
    expect(loadEventSigning({})).toEqual({});
    expect(loadEventSigning({ EVENT_SIGNING_KEY: '', EVENT_PUBLIC_KEYS: ' , ' })).toEqual({});
  });

  it("reads the service's private key and every published key", () => {
    const signing = loadEventSigning({ EVENT_SIGNING_KEY: intake.privateKey, EVENT_PUBLIC_KEYS: `${intake.publicEntry}, ${disposition.publicEntry}` });
    expect(signing.key?.keyId).toBe('intake-1');
    expect(signing.keyRing?.all().map((k) => [k.keyId, k.source])).toEqual([
      ['intake-1', 'pengaduan/intake'],
      ['disposition-1', 'pengaduan/disposition'],
    ]);
    // Either part alone: a service that only signs, one that only verifies.
    expect(Object.keys(loadEventSigning({ EVENT_SIGNING_KEY: intake.privateKey }))).toEqual(['key']);
    expect(Object.keys(loadEventSigning({ EVENT_PUBLIC_KEYS: disposition.publicEntry }))).toEqual(['keyRing']);
  });

  it('is required in production: a service without its key or the published keys refuses to start', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toMatch(/EVENT_SIGNING_KEY is required in production[\s\S]*EVENT_PUBLIC_KEYS is required in production/);
    expect(problemsOf({ NODE_ENV: 'production', EVENT_SIGNING_KEY: intake.privateKey })).toMatch(/^EVENT_PUBLIC_KEYS is required in production/);
    expect(problemsOf({ NODE_ENV: 'production', EVENT_PUBLIC_KEYS: intake.publicEntry })).toMatch(/^EVENT_SIGNING_KEY is required in production/);
    expect(loadEventSigning({ NODE_ENV: 'production', EVENT_SIGNING_KEY: intake.privateKey, EVENT_PUBLIC_KEYS: intake.publicEntry }).key?.keyId).toBe('intake-1');
    expect(loadEventSigning({ NODE_ENV: 'development' })).toEqual({});
  });

  it('names the variable of a malformed value and never prints a key', () => {
    const privateB64 = intake.privateKey.slice(intake.privateKey.indexOf(':') + 1);
    const problems = problemsOf({
      EVENT_SIGNING_KEY: `intake-1:${privateB64.slice(0, 30)}`,
      // a private key pasted into the public list, an entry without a source, a key id twice
      EVENT_PUBLIC_KEYS: `${intake.privateKey},${disposition.publicEntry},nope=${privateB64},${disposition.publicEntry}`,
    });
    expect(problems).toMatch(/^EVENT_SIGNING_KEY: key intake-1 is not a base64 PKCS#8 private key/m);
    expect(problems).toMatch(/^EVENT_PUBLIC_KEYS: entry 1: expected <key id>=<source>=<base64 SPKI Ed25519 public key>/m);
    expect(problems).toContain('entry 3: expected <key id>=<source>=');
    expect(problems).toContain('entry 4: key id disposition-1 is published twice');
    for (const secret of [privateB64, privateB64.slice(0, 30), privateB64.slice(-20)]) expect(problems).not.toContain(secret);
  });

  it('refuses a signing key that is not published, or not as the public half published under its id', () => {
    expect(problemsOf({ EVENT_SIGNING_KEY: intake.privateKey, EVENT_PUBLIC_KEYS: disposition.publicEntry })).toMatch(
      /EVENT_SIGNING_KEY: key intake-1 is not published in EVENT_PUBLIC_KEYS/,
    );
    const impostor = generateEventSigningKey('intake-1', 'pengaduan/intake');
    expect(problemsOf({ EVENT_SIGNING_KEY: impostor.privateKey, EVENT_PUBLIC_KEYS: intake.publicEntry })).toMatch(
      /EVENT_SIGNING_KEY: key intake-1 does not match the public key published under that id/,
    );
  });

  it('says at start-up whether the service signs and verifies, and warns when it does not', () => {
    const signing = loadEventSigning({ EVENT_SIGNING_KEY: intake.privateKey, EVENT_PUBLIC_KEYS: `${intake.publicEntry},${disposition.publicEntry}` });
    expect(describeEventSigning(signing, { emits: true, consumes: true }).map((l) => [l.level, l.msg])).toEqual([
      ['info', 'events emitted are signed with key intake-1'],
      ['info', 'events consumed are verified against 2 published key(s)'],
    ]);
    expect(describeEventSigning({}, { emits: true, consumes: true }).map((l) => l.level)).toEqual(['warn', 'warn']);
    // The gateway emits nothing: only its verifying is worth a line.
    expect(describeEventSigning(signing, { emits: false, consumes: true })).toHaveLength(1);
  });

  it('documents both variables in .env.example, the private key as a SECRET', () => {
    const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
    for (const field of Object.values(EVENT_SIGNING_CONFIG)) expect(example).toMatch(new RegExp(`^#?\\s*${field.env}=`, 'm'));
    expect(example).toMatch(/# SECRET\. This service's private key[^\n]*\n(#[^\n]*\n)*# EVENT_SIGNING_KEY=/);
  });
});
