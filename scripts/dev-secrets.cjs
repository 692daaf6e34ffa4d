// Development secrets, shared by `npm start` (scripts/start.mjs) and the embedded platform
// (services/platform): REPORTER_CONTACT_KEY, GATEWAY_JWT_SECRET and one Ed25519 event signing key
// per service (EVENT_SIGNING_KEY_<SERVICE>, `<key id>:<base64 PKCS#8>` as EVENT_SIGNING_KEY expects,
// ADR 0015), generated once into .local/dev-secrets.env (mode 600; DEV_SECRETS_FILE names another
// file) and kept, so that sealed contacts and tokens survive restarts. A variable already set in
// the environment wins over the file. EVENT_PUBLIC_KEYS, unless set, is every service's public key,
// derived from the kept private keys, and written (publishKeys) to published-keys.txt beside the
// secrets file for the audit replay's `--keys`. For `npm start` against a Postgres of one's own, also one
// password per service role (PG_PASSWORD_<SCHEMA>, applyDatabasePasswords).
// CommonJS so that both the ES module start.mjs and the TypeScript (CommonJS) launcher load it.
'use strict';
const { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } = require('node:crypto');
const { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const REPOSITORY_ROOT = join(__dirname, '..');

/** The variable holding a service's private event signing key in the secrets file. */
function signingKeyVariable(service) {
  return `EVENT_SIGNING_KEY_${suffixOf(service)}`;
}

/** A service's name as the end of a variable's (`team-decree` → `TEAM_DECREE`). */
function suffixOf(service) {
  return service.toUpperCase().replace(/-/g, '_');
}

/** Where the secrets are kept: DEV_SECRETS_FILE, else .local/dev-secrets.env of the repository. */
function devSecretsFile(env = process.env) {
  return env.DEV_SECRETS_FILE ? resolve(env.DEV_SECRETS_FILE) : join(REPOSITORY_ROOT, '.local', 'dev-secrets.env');
}

/**
 * The secrets kept in `file` (`NAME=value` lines, mode 600): those of `makers` that are missing are
 * made (`makers[name]()`) and appended first. Returns every name and value the file holds.
 */
function keepSecrets(file, makers) {
  mkdirSync(dirname(file), { recursive: true });
  const kept = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let content = kept;
  for (const [name, make] of Object.entries(makers)) {
    if (!new RegExp(`^${name}=`, 'm').test(content)) content += `${name}=${make()}\n`;
  }
  if (content !== kept) {
    writeFileSync(file, content, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const secrets = {};
  for (const line of content.split('\n')) {
    const [k, ...v] = line.split('=');
    if (k) secrets[k] = v.join('=');
  }
  return secrets;
}

/** A random password (URL-safe, 32 characters). */
function makePassword() {
  return randomBytes(24).toString('base64url');
}

/** Adds `secrets` to `env` where a variable is not set already. Returns `env`. */
function applyUnset(env, secrets) {
  for (const [k, v] of Object.entries(secrets)) if (!env[k]) env[k] = v;
  return env;
}

/**
 * Adds the development secrets to `env` (in place; a variable already set is left alone), creating
 * the missing ones in the secrets file first. Returns `env`.
 */
function applyDevSecrets(env, services) {
  const makers = {
    REPORTER_CONTACT_KEY: () => randomBytes(32).toString('base64'),
    GATEWAY_JWT_SECRET: () => randomBytes(48).toString('base64'),
  };
  for (const service of services) {
    makers[signingKeyVariable(service)] = () =>
      `${service}-dev:${generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  }
  applyUnset(env, keepSecrets(devSecretsFile(env), makers));
  // Every service is given every service's public key (derived from the kept private keys).
  env.EVENT_PUBLIC_KEYS ??= services
    .map((service) => {
      const raw = env[signingKeyVariable(service)];
      const at = raw.indexOf(':');
      const privateKey = createPrivateKey({ key: Buffer.from(raw.slice(at + 1), 'base64'), format: 'der', type: 'pkcs8' });
      const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
      return `${raw.slice(0, at)}=pengaduan/${service}=${spki}`;
    })
    .join(',');
  return env;
}

/** Where the services' public keys are written for the audit replay (`--keys`): published-keys.txt beside the secrets file. */
function publishedKeysFile(env = process.env) {
  return join(dirname(devSecretsFile(env)), 'published-keys.txt');
}

/**
 * Writes EVENT_PUBLIC_KEYS (as applyDevSecrets derived it from the kept private keys, or as set),
 * one key a line, to publishedKeysFile(env), which the audit replay reads with `--keys`: what an
 * auditor needs is the public half, never the secrets file. Returns the file's path.
 */
function publishKeys(env) {
  const file = publishedKeysFile(env);
  const keys = (env.EVENT_PUBLIC_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `# The services' published event keys (<key id>=<source>=<base64 SPKI>), for npm run audit -- --keys ${file}\n${keys.join('\n')}\n`);
  return file;
}

/** The variable holding the password of a service's Postgres role (`PG_PASSWORD_TEAM_DECREE`, as deploy/local/prepare-postgres.mjs reads it). */
function databasePasswordVariable(service) {
  return `PG_PASSWORD_${suffixOf(service)}`;
}

/**
 * Adds one password per service role (PG_PASSWORD_<SCHEMA>) to `env`, unless set, kept with the
 * other development secrets (for `npm start` against a Postgres of one's own). Returns `env`.
 */
function applyDatabasePasswords(env, services) {
  const makers = Object.fromEntries(services.map((service) => [databasePasswordVariable(service), makePassword]));
  return applyUnset(env, keepSecrets(devSecretsFile(env), makers));
}

module.exports = { applyDatabasePasswords, applyDevSecrets, databasePasswordVariable, devSecretsFile, keepSecrets, makePassword, publishKeys, signingKeyVariable };
