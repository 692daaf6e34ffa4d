import type { ServiceProcess } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';

/** An officer of an end-to-end stack, logged in. */
export interface LoggedInOfficer {
  username: string;
  password: string;
  token: string;
  /** `Authorization: Bearer <token>`, to spread into fetch headers. */
  headers: { Authorization: string };
}

export interface OfficerSpec {
  username: string;
  /** A libs/sop officer role, e.g. `ADMIN_TIKKIM`. */
  role: string;
  office: string;
  /** For `SEKSI_TERKAIT`. */
  section?: string;
  displayName?: string;
}

/**
 * Creates an officer's account with the gateway's own command (`main.ts user add`, run with the
 * gateway process's environment, the password passed in GATEWAY_NEW_USER_PASSWORD), then logs
 * them in at `POST <api>/auth/login`. `api` is the REST base, e.g. `http://127.0.0.1:3000/api/v1`.
 */
export async function loggedInOfficer(gateway: ServiceProcess, api: string, officer: OfficerSpec): Promise<LoggedInOfficer> {
  const password = randomBytes(18).toString('base64url');
  gateway.runCommand(
    [
      'user',
      'add',
      '--username',
      officer.username,
      '--role',
      officer.role,
      '--office',
      officer.office,
      ...(officer.section ? ['--section', officer.section] : []),
      ...(officer.displayName ? ['--display-name', officer.displayName] : []),
    ],
    { GATEWAY_NEW_USER_PASSWORD: password },
  );
  const token = await login(api, officer.username, password);
  return { username: officer.username, password, token, headers: { Authorization: `Bearer ${token}` } };
}

/** Logs in; answers the access token, or throws with the gateway's answer. */
export async function login(api: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
