/** A service's schema (`team-decree` → `team_decree`). */
export function schemaOf(service: string): string;

/** A service's Postgres role: `pengaduan_<schema>`. */
export function roleOf(service: string): string;

/** `adminUrl` with the user and password replaced by the service's role and its password (none when empty). */
export function roleUrl(adminUrl: string, service: string, password: string | undefined): string;

/**
 * The environment of `service`: the launcher's `env` without DATABASE_URL, PG_PASSWORD_*, EVENT_SIGNING_KEY*
 * (and libpq's PGUSER/PGPASSWORD/PGPASSFILE), plus DATABASE_URL as its own role with its password and its own EVENT_SIGNING_KEY.
 */
export function serviceEnvironment(env: NodeJS.ProcessEnv, service: string): Record<string, string>;
