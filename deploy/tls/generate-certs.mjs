#!/usr/bin/env node
// A development CA and a certificate for every service and for the Kafka broker (docs/adr/0028),
// made with the `openssl` CLI (OpenSSL 3; Node's crypto cannot issue X.509 certificates):
//
//   node deploy/tls/generate-certs.mjs [--out .local/tls] [--days 825] [--only intake,gateway]
//
// In <out>: ca.crt and ca.key (the platform CA), <name>.crt and <name>.key for every service of
// scripts/services.mjs and for `kafka`, plus kafka.p12 and kafka.p12.password (the broker's keystore:
// the apache/kafka image and Java read PKCS12). Each service certificate names the service by
// a URI SAN spiffe://pengaduan/<service> (what the gRPC servers check) and carries DNS names
// <name>, localhost and IP 127.0.0.1; keys are EC P-256, PKCS#8, mode 600, the directory 700.
// Idempotent: what exists and still verifies against the CA (and is not about to expire) is
// kept; only what is missing or stale is made. Production uses the organisation's CA (or
// cert-manager); this one is for development, compose on one machine, and the tests.
import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from '../../scripts/services.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
if (args.includes('--help')) {
  console.log('usage: node deploy/tls/generate-certs.mjs [--out .local/tls] [--days 825] [--only name,…]');
  process.exit(0);
}
const out = resolve(root, option('out', '.local/tls'));
const days = Number(option('days', '825'));
const names = option('only', [...SERVICES, 'kafka'].join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const n of names) if (!/^[a-z][a-z0-9-]*$/.test(n)) throw new Error(`not a service name: ${n}`);

// Keys are written 600 by openssl itself: nothing is ever readable by others, not even briefly.
process.umask(0o077);
mkdirSync(out, { recursive: true, mode: 0o700 });
chmodSync(out, 0o700);
const openssl = (...a) => execFileSync('openssl', a, { stdio: ['ignore', 'pipe', 'pipe'] });
const path = (f) => join(out, f);
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
const made = [];
const kept = [];

const valid = (certFile, issuer) => {
  try {
    const cert = new X509Certificate(readFileSync(certFile));
    return new Date(cert.validTo).getTime() - Date.now() > RENEW_BEFORE_MS && (!issuer || cert.verify(issuer.publicKey));
  } catch {
    return false;
  }
};
const newKey = (file) => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file);

// --- the CA ---------------------------------------------------------------------------------------
let caChanged = false;
if (!existsSync(path('ca.key')) || !valid(path('ca.crt'))) {
  newKey(path('ca.key'));
  openssl(
    'req', '-x509', '-new', '-key', path('ca.key'), '-sha256', '-days', String(days + 365), '-subj', '/O=pengaduan/CN=pengaduan development CA',
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', path('ca.crt'),
  );
  chmodSync(path('ca.crt'), 0o644);
  caChanged = true;
  made.push('ca');
} else kept.push('ca');
const ca = new X509Certificate(readFileSync(path('ca.crt')));

// --- one key and certificate per name ---------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'pengaduan-tls-'));
try {
  for (const name of names) {
    const crt = path(`${name}.crt`);
    const key = path(`${name}.key`);
    if (!caChanged && existsSync(key) && valid(crt, ca) && (name !== 'kafka' || existsSync(path('kafka.p12')))) {
      kept.push(name);
      continue;
    }
    newKey(key);
    const csr = join(work, `${name}.csr`);
    const ext = join(work, `${name}.ext`);
    openssl('req', '-new', '-key', key, '-subj', `/O=pengaduan/CN=${name}`, '-out', csr);
    writeFileSync(
      ext,
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth,clientAuth',
        `subjectAltName=URI:spiffe://pengaduan/${name},DNS:${name},DNS:localhost,IP:127.0.0.1`,
        '',
      ].join('\n'),
    );
    openssl(
      'x509', '-req', '-in', csr, '-CA', path('ca.crt'), '-CAkey', path('ca.key'), '-set_serial', `0x${randomBytes(16).toString('hex')}`,
      '-sha256', '-days', String(days), '-extfile', ext, '-out', crt,
    );
    chmodSync(crt, 0o644);
    if (name === 'kafka') {
      // The broker's keystore: PKCS12 (AES-256), its password beside it (the image's *_CREDENTIALS file).
      const password = randomBytes(24).toString('base64url');
      writeFileSync(path('kafka.p12.password'), `${password}\n`, { mode: 0o600 });
      openssl('pkcs12', '-export', '-in', crt, '-inkey', key, '-certfile', path('ca.crt'), '-name', 'kafka', '-out', path('kafka.p12'), '-passout', `pass:${password}`);
    }
    made.push(name);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`tls: ${out}: ${made.length > 0 ? `made ${made.join(', ')}` : 'nothing to make'}${kept.length > 0 ? `; kept ${kept.join(', ')}` : ''}`);
