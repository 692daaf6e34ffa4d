// Development secrets, shared by `npm start` (scripts/start.mjs) and the embedded platform
// (services/platform): REPORTER_CONTACT_KEY, GATEWAY_JWT_SECRET and one Ed25519 event signing key
// per service (EVENT_SIGNING_KEY_<SERVICE>, `<key id>:<base64 PKCS#8>` as EVENT_SIGNING_KEY expects,
// ADR 0015), generated once into .local/dev-secrets.env (mode 600; DEV_SECRETS_FILE names another
// file) and kept, so that sealed contacts and tokens survive restarts. A variable already set in
// the environment wins over the file. EVENT_PUBLIC_KEYS, unless set, is every service's public key,
// derived from the kept private keys.
// CommonJS so that both the ES module start.mjs and the TypeScript (CommonJS) launcher load it.
'use strict';
const { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const REPOSITORY_ROOT = join(__dirname, '..');

/** The variable holding a service's private event signing key in the secrets file. */
function signingKeyVariable(service) {
  return `EVENT_SIGNING_KEY_${service.toUpperCase().replace(/-/g, '_')}`;
}

/** Where the secrets are kept: DEV_SECRETS_FILE, else .local/dev-secrets.env of the repository. */
function devSecretsFile(env = process.env) {
  return env.DEV_SECRETS_FILE ? resolve(env.DEV_SECRETS_FILE) : join(REPOSITORY_ROOT, '.local', 'dev-secrets.env');
}

/**
 * Adds the development secrets to `env` (in place; a variable already set is left alone), creating
 * the missing ones in the secrets file first. Returns `env`.
 */
function applyDevSecrets(env, services) {
  const file = devSecretsFile(env);
  mkdirSync(dirname(file), { recursive: true });
  const kept = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const makers = {
    REPORTER_CONTACT_KEY: () => randomBytes(32).toString('base64'),
    GATEWAY_JWT_SECRET: () => randomBytes(48).toString('base64'),
  };
  for (const service of services) {
    makers[signingKeyVariable(service)] = () =>
      `${service}-dev:${generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  }
  let content = kept;
  for (const [name, make] of Object.entries(makers)) {
    if (!new RegExp(`^${name}=`, 'm').test(content)) content += `${name}=${make()}\n`;
  }
  if (content !== kept) writeFileSync(file, content, { mode: 0o600 });
  for (const line of content.split('\n')) {
    const [k, ...v] = line.split('=');
    if (k && !env[k]) env[k] = v.join('=');
  }
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

module.exports = { applyDevSecrets, devSecretsFile, signingKeyVariable };
