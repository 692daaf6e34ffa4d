import type { ScramExchange } from '../scram';
import { listenChanges, settingsOfOptions, startupParameters } from '../wire-protocol';

/** One client connection, as the multiplexer keeps it apart from the others on PGlite's one backend. */
export interface Session {
  readonly id: number;
  started: boolean;
  closed: boolean;
  /** Who it says it is, for the log. */
  application: string;
  /** The SQL that gives the backend this connection's session state (role, search_path, time zone …). */
  setup: string;
  /** Channels it LISTENs on. */
  readonly listening: Set<string>;
  /** Writes to its socket (the handler's callback): how a notification reaches a listener. */
  write?: (bytes: Uint8Array) => void;
  /** Its password exchange, from its startup packet until it proved its password (then `authenticated`). */
  auth?: { startup: Uint8Array; user: string; scram: ScramExchange; answered: boolean };
  authenticated: boolean;
}

/** A connection just opened: nothing proved, nothing sent, the backend's defaults for its session. */
export function newSession(id: number): Session {
  return { id, started: false, closed: false, application: '', setup: 'RESET ALL; RESET ROLE', listening: new Set(), authenticated: false };
}

/** Reads the connection's startup packet: its application, and the SQL that gives the backend its session. */
export function startSession(session: Session, message: Uint8Array): void {
  const params = startupParameters(message);
  session.application = params['application_name'] ?? '';
  const statements = ['RESET ALL'];
  const user = params['user'];
  statements.push(user && user !== 'postgres' ? `SET ROLE ${identifier(user)}` : 'RESET ROLE');
  const settings: [string, string][] = [...settingsOfOptions(params['options'])];
  if (session.application) settings.push(['application_name', session.application]);
  for (const [name, value] of settings) {
    if (/^[a-z_][a-z0-9_.]*$/i.test(name)) statements.push(`SELECT set_config(${literal(name)}, ${literal(value)}, false)`);
  }
  session.setup = statements.join('; ');
}

/** The channels the connection listens on after its statement `sql`. */
export function trackListen(session: Session, sql: string): void {
  const { listen, unlisten } = listenChanges(sql);
  for (const c of listen) session.listening.add(c);
  for (const c of unlisten) {
    if (c === '*') session.listening.clear();
    else session.listening.delete(c);
  }
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
