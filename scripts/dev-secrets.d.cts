/** The variable holding a service's private event signing key in the secrets file (`EVENT_SIGNING_KEY_TEAM_DECREE`). */
export function signingKeyVariable(service: string): string;

/** Where the development secrets are kept: DEV_SECRETS_FILE, else .local/dev-secrets.env of the repository. */
export function devSecretsFile(env?: NodeJS.ProcessEnv): string;

/**
 * Adds the development secrets to `env` (in place; a variable already set is left alone), creating
 * the missing ones in the secrets file first, and EVENT_PUBLIC_KEYS unless set. Returns `env`.
 */
export function applyDevSecrets(env: NodeJS.ProcessEnv, services: readonly string[]): NodeJS.ProcessEnv;

/** Writes EVENT_PUBLIC_KEYS, one key a line, to published-keys.txt beside the secrets file (the audit's `--keys`); returns the file's path. */
export function publishKeys(env: NodeJS.ProcessEnv): string;

/** The variable holding the password of a service's Postgres role (`PG_PASSWORD_TEAM_DECREE`). */
export function databasePasswordVariable(service: string): string;

/** Adds one password per service role (PG_PASSWORD_<SCHEMA>) to `env` unless set, kept in the secrets file. Returns `env`. */
export function applyDatabasePasswords(env: NodeJS.ProcessEnv, services: readonly string[]): NodeJS.ProcessEnv;

/**
 * The secrets kept in `file` (`NAME=value` lines, mode 600): those of `makers` that are missing are
 * made and appended first. Returns every name and value the file holds.
 */
export function keepSecrets(file: string, makers: Record<string, () => string>): Record<string, string>;

/** A random password (URL-safe, 32 characters). */
export function makePassword(): string;
