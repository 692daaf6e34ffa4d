/** The variable holding a service's private event signing key in the secrets file (`EVENT_SIGNING_KEY_TEAM_DECREE`). */
export function signingKeyVariable(service: string): string;

/** Where the development secrets are kept: DEV_SECRETS_FILE, else .local/dev-secrets.env of the repository. */
export function devSecretsFile(env?: NodeJS.ProcessEnv): string;

/**
 * Adds the development secrets to `env` (in place; a variable already set is left alone), creating
 * the missing ones in the secrets file first, and EVENT_PUBLIC_KEYS unless set. Returns `env`.
 */
export function applyDevSecrets(env: NodeJS.ProcessEnv, services: readonly string[]): NodeJS.ProcessEnv;
