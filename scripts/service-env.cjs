// The environment one service is given (docs/adr/0024): the launcher's, less what is not the
// service's — the administrative DATABASE_URL, the other roles' passwords (PG_PASSWORD_<SCHEMA>),
// every service's private event signing key (EVENT_SIGNING_KEY_<SERVICE>) — plus its own:
// DATABASE_URL as its role `pengaduan_<schema>` with its password (same host, port, database and
// parameters as the administrative URL) and EVENT_SIGNING_KEY. Pure: shared by `npm start`
// (scripts/start.mjs, each service its own process) and the embedded platform (services/platform).
// CommonJS so that both the ES module start.mjs and the TypeScript (CommonJS) launcher load it.
'use strict';
const { databasePasswordVariable, signingKeyVariable } = require('./dev-secrets.cjs');

/** What a service never gets from the launcher's environment: its own is set afresh. */
const NOT_PASSED_ON = /^(DATABASE_URL|PGUSER|PGPASSWORD|PGPASSFILE|PG_PASSWORD_.+|EVENT_SIGNING_KEY(_.+)?)$/;

/** A service's schema (`team-decree` → `team_decree`), as deploy/local/prepare-postgres.mjs names them. */
function schemaOf(service) {
  return service.replace(/-/g, '_');
}

/** A service's Postgres role: `pengaduan_<schema>`, owner of its schema. */
function roleOf(service) {
  return `pengaduan_${schemaOf(service)}`;
}

/** `adminUrl` with the user and password replaced by the service's role and its password (none when `password` is empty). */
function roleUrl(adminUrl, service, password) {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(roleOf(service));
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

/**
 * The environment of `service`, from the launcher's `env` (whose DATABASE_URL is the administrative
 * URL and which holds every role's PG_PASSWORD_<SCHEMA> and every EVENT_SIGNING_KEY_<SERVICE>).
 */
function serviceEnvironment(env, service) {
  if (!env.DATABASE_URL) throw new Error('serviceEnvironment: DATABASE_URL (the administrative URL) is not set');
  const own = {};
  for (const [name, value] of Object.entries(env)) if (!NOT_PASSED_ON.test(name) && value !== undefined) own[name] = value;
  own.DATABASE_URL = roleUrl(env.DATABASE_URL, service, env[databasePasswordVariable(service)]);
  const signingKey = env[signingKeyVariable(service)];
  if (signingKey) own.EVENT_SIGNING_KEY = signingKey;
  return own;
}

module.exports = { roleOf, roleUrl, schemaOf, serviceEnvironment };
