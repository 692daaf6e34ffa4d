import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@pengaduan/runtime';
import { SCRAM_SHA_256, ScramExchange, type ScramVerifier } from './scram';
import {
  AUTH_SASL,
  AUTH_SASL_CONTINUE,
  AUTH_SASL_FINAL,
  authenticationRequest,
  BackendMessageScanner,
  ERROR_RESPONSE,
  errorMessage,
  errorResponse,
  isStartupMessage,
  listenChanges,
  NOTIFICATION_RESPONSE,
  notificationChannel,
  saslInitialResponse,
  saslResponse,
  settingsOfOptions,
  simpleQuery,
  sqlOf,
  startupParameters,
  SYNC,
  TERMINATE,
} from './wire-protocol';

/** One client connection, as the multiplexer keeps it apart from the others on PGlite's one backend. */
interface Session {
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

interface Job {
  session: Session;
  message: Uint8Array;
  onData: (bytes: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

export interface SessionMultiplexerOptions {
  logger: Logger;
  /**
   * How long a connection may hold the backend inside a transaction without sending anything while
   * others wait (Postgres' idle_in_transaction_session_timeout): then its transaction is rolled back
   * and the connection closed (`onExpired`). Default 30 s.
   */
  idleInTransactionTimeoutMs?: number;
  /** Closes a connection whose transaction expired. */
  onExpired: (sessionId: number) => void;
  /**
   * The SCRAM-SHA-256 verifier of each role that may log in (ScramVerifier). A connection must prove
   * its user's password before its startup packet reaches the backend; one that cannot is refused.
   */
  verifiers: ReadonlyMap<string, ScramVerifier>;
  /** Closes a connection that was refused (after the ErrorResponse it was written has gone out). */
  onRefused: (sessionId: number) => void;
}

/**
 * Shares PGlite's single backend between many client connections (the queue that
 * `@electric-sql/pglite-socket`'s PGLiteSocketHandler takes), so that each behaves as if it had a
 * session of its own — which pglite-socket's own queue does not give (docs/adr/0020):
 *
 * - A connection first proves its user's password (SCRAM-SHA-256; ErrorResponse 28P01 and closed
 *   otherwise): only then does its startup packet reach the backend (docs/adr/0024).
 * - A connection holds the backend from its first message until the backend is idle again: for a
 *   whole transaction (BEGIN … COMMIT) and for a whole extended-protocol exchange (Parse … Sync),
 *   so two connections' statements are never interleaved. Transactions are therefore serialised:
 *   while one is open, every other connection waits.
 * - Before a connection's turn, the backend gets that connection's session state: the role of its
 *   startup `user` (SET ROLE), the settings of its startup `options` (`-c search_path=…`), its
 *   application_name; everything else RESET. PGlite ignores the startup packet's parameters.
 * - A NOTIFY reaches the connections that LISTEN on its channel (PGlite hands a notification to
 *   whichever connection's statement is running when it is delivered).
 * - A connection that vanishes mid-transaction is rolled back; one idle in a transaction while others
 *   wait is rolled back and closed after `idleInTransactionTimeoutMs`.
 */
export class SessionMultiplexer {
  private readonly sessions = new Map<number, Session>();
  private queue: Job[] = [];
  /** The connection holding the backend (inside a transaction or an extended-protocol exchange). */
  private owner?: Session;
  /** The setup SQL the backend was last given. */
  private configured?: string;
  private pumping = false;
  private stallTimer?: NodeJS.Timeout;
  private stallWarnTimer?: NodeJS.Timeout;
  private stallWarned = false;
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly db: PGlite,
    private readonly options: SessionMultiplexerOptions,
  ) {
    this.idleTimeoutMs = options.idleInTransactionTimeoutMs ?? 30_000;
  }

  // ---- the interface PGLiteSocketHandler calls ------------------------------------------------

  enqueue(handlerId: number, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    const session = this.sessionOf(handlerId);
    session.write = onData;
    if (!session.authenticated) return this.authenticate(session, message, onData);
    return this.schedule(session, message, onData);
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((job) => {
      if (job.session.id !== handlerId) return true;
      job.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** The connection is gone: roll back what it held, forget it. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    const session = this.sessions.get(handlerId);
    if (!session) return;
    session.closed = true;
    this.sessions.delete(handlerId);
    await this.pump();
  }

  // ---- authentication ------------------------------------------------------------------------

  /**
   * The password exchange, which needs no backend (so it never waits for others' transactions):
   * StartupMessage → AuthenticationSASL; SASLInitialResponse → AuthenticationSASLContinue;
   * SASLResponse → AuthenticationSASLFinal, then the startup packet goes to the backend, which
   * answers AuthenticationOk, its parameters and ReadyForQuery. Anything else: refused.
   */
  private async authenticate(session: Session, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    if (session.closed) return 0; // refused: whatever else it sent before its socket closes is dropped
    const send = (bytes: Uint8Array) => (onData(bytes), bytes.length);
    const auth = session.auth;
    if (!auth) {
      const user = isStartupMessage(message) ? startupParameters(message)['user'] : undefined;
      if (!user) return this.refuse(session, onData, '28000', 'no PostgreSQL user name specified in startup packet');
      session.auth = { startup: Uint8Array.from(message), user, scram: new ScramExchange(this.options.verifiers.get(user)), answered: false };
      return send(authenticationRequest(AUTH_SASL, `${SCRAM_SHA_256}\0\0`));
    }
    const failed = () => this.refuse(session, onData, '28P01', `password authentication failed for user "${auth.user}"`);
    if (!auth.answered) {
      const initial = saslInitialResponse(message);
      const serverFirst = initial?.mechanism === SCRAM_SHA_256 ? auth.scram.first(initial.data) : undefined;
      if (serverFirst === undefined) return failed();
      auth.answered = true;
      return send(authenticationRequest(AUTH_SASL_CONTINUE, serverFirst));
    }
    const response = saslResponse(message);
    const serverFinal = response === undefined ? undefined : auth.scram.final(response);
    if (serverFinal === undefined) return failed();
    session.authenticated = true;
    session.auth = undefined;
    return send(authenticationRequest(AUTH_SASL_FINAL, serverFinal)) + (await this.schedule(session, auth.startup, onData));
  }

  /** Writes a FATAL ErrorResponse and closes the connection. */
  private refuse(session: Session, onData: (bytes: Uint8Array) => void, code: string, message: string): number {
    const bytes = errorResponse('FATAL', code, message);
    onData(bytes);
    session.closed = true;
    this.options.logger.warn({ code, application: session.application, reason: message }, 'embedded postgres: connection refused');
    setImmediate(() => this.options.onRefused(session.id));
    return bytes.length;
  }

  // ---- introspection ------------------------------------------------------------------------

  get waiting(): number {
    return this.queue.length;
  }

  get connections(): number {
    return this.sessions.size;
  }

  // ---- the one backend ----------------------------------------------------------------------

  private sessionOf(id: number): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = { id, started: false, closed: false, application: '', setup: 'RESET ALL; RESET ROLE', listening: new Set(), authenticated: false };
      this.sessions.set(id, s);
    }
    return s;
  }

  private schedule(session: Session, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ session, message, onData, resolve, reject });
      if (session === this.owner) this.clearStall();
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.owner?.closed) {
          await this.release(this.owner);
          continue;
        }
        const at = this.owner ? this.queue.findIndex((j) => j.session === this.owner) : 0;
        if (at < 0 || this.queue.length === 0) break;
        const [job] = this.queue.splice(at, 1);
        await this.run(job);
      }
    } finally {
      this.pumping = false;
      this.watchStall();
    }
  }

  private async run(job: Job): Promise<void> {
    const { session, message } = job;
    if (!session.started && isStartupMessage(message)) {
      this.start(session, message);
      this.configured = undefined; // what the backend does with a second startup packet is its own affair
    } else if (message[0] === TERMINATE) {
      job.resolve(0); // the socket closes next; PGlite's backend is shared and must not end
      return;
    } else if (this.owner !== session && this.configured !== session.setup) {
      try {
        await this.internal(simpleQuery(session.setup));
        this.configured = session.setup;
      } catch (err) {
        // Never run its statement in whatever session the backend was left with (another role's).
        this.configured = undefined;
        this.options.logger.error({ err: { message: (err as Error).message }, application: session.application }, 'embedded postgres: could not give a connection its session');
        job.resolve(this.refuse(session, job.onData, '28000', `could not give the connection its session: ${(err as Error).message}`));
        return;
      }
    }
    const sql = session.started ? sqlOf(message) : undefined;
    session.started = true;
    const scanner = new BackendMessageScanner(
      (bytes) => job.onData(bytes),
      (type, bytes) => (type === NOTIFICATION_RESPONSE ? this.routeNotification(session, bytes) : true),
    );
    let written = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (chunk) => {
            written += chunk.length;
            scanner.push(chunk);
          },
        }),
      );
      scanner.end();
    } catch (err) {
      job.reject(err as Error);
      this.owner = undefined;
      return;
    }
    if (sql) this.trackListen(session, sql);
    // Idle again: the connection lets go. Otherwise (in a transaction, or mid extended protocol) it keeps the backend.
    this.owner = scanner.readyStatus === 'I' ? undefined : session;
    if (this.owner === session && session.closed) await this.release(session);
    job.resolve(written);
  }

  private start(session: Session, message: Uint8Array): void {
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

  /** A notification goes to the connections listening on its channel; in the running connection's output only if it listens too. */
  private routeNotification(current: Session, message: Uint8Array): boolean {
    const channel = notificationChannel(message);
    const copy = Uint8Array.from(message);
    for (const s of this.sessions.values()) {
      if (s !== current && !s.closed && s.listening.has(channel)) s.write?.(copy);
    }
    return current.listening.has(channel);
  }

  private trackListen(session: Session, sql: string): void {
    const { listen, unlisten } = listenChanges(sql);
    for (const c of listen) session.listening.add(c);
    for (const c of unlisten) {
      if (c === '*') session.listening.clear();
      else session.listening.delete(c);
    }
  }

  /** A message of the multiplexer's own; its output is dropped, but for notifications, which still reach their listeners. */
  private async internal(message: Uint8Array): Promise<void> {
    const none: Session = { id: 0, started: true, closed: false, application: '', setup: '', listening: new Set(), authenticated: true };
    let error: string | undefined;
    const scanner = new BackendMessageScanner(
      () => undefined,
      (type, bytes) => {
        if (type === ERROR_RESPONSE) error ??= errorMessage(bytes);
        return type === NOTIFICATION_RESPONSE && this.routeNotification(none, bytes);
      },
    );
    // Streamed like every other message: PGlite keeps the last stream's callback for whatever it writes next.
    await this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: (chunk) => scanner.push(chunk) }));
    if (error !== undefined) throw new Error(error);
  }

  /** Ends what a connection left open on the backend: its extended-protocol exchange, its transaction. */
  private async release(session: Session): Promise<void> {
    try {
      await this.internal(SYNC);
      if (this.db.isInTransaction()) await this.internal(simpleQuery('ROLLBACK'));
    } catch (err) {
      this.options.logger.error({ err: { message: (err as Error).message }, application: session.application }, 'embedded postgres: could not roll back a closed connection');
    }
    if (this.owner === session) this.owner = undefined;
    this.configured = undefined;
  }

  /** Others wait while the owner sends nothing: warn after 5 s, give up on it after the timeout. */
  private watchStall(): void {
    const owner = this.owner;
    if (!owner || !this.queue.some((j) => j.session !== owner)) {
      this.clearStall();
      return;
    }
    if (this.stallTimer) return;
    this.stallWarnTimer = setTimeout(() => {
      if (this.owner !== owner) return;
      this.stallWarned = true;
      this.options.logger.warn(
        { application: owner.application, waiting: this.queue.length },
        'embedded postgres: a connection holds a transaction open while others wait (transactions are serialised on PGlite)',
      );
    }, Math.min(5_000, this.idleTimeoutMs));
    this.stallTimer = setTimeout(() => {
      this.stallWarned = false;
      this.clearStall();
      if (this.owner !== owner) return;
      this.options.logger.error(
        { application: owner.application, idleMs: this.idleTimeoutMs },
        'embedded postgres: closing a connection idle in a transaction while others waited; its transaction is rolled back',
      );
      this.options.onExpired(owner.id);
    }, this.idleTimeoutMs);
    this.stallTimer.unref();
    this.stallWarnTimer.unref();
  }

  private clearStall(): void {
    clearTimeout(this.stallTimer);
    clearTimeout(this.stallWarnTimer);
    this.stallTimer = undefined;
    this.stallWarnTimer = undefined;
    if (this.stallWarned) this.options.logger.info('embedded postgres: the waiting connections go on');
    this.stallWarned = false;
  }
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
