import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@pengaduan/runtime';
import {
  BackendMessageScanner,
  isStartupMessage,
  listenChanges,
  NOTIFICATION_RESPONSE,
  notificationChannel,
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
}

/**
 * Shares PGlite's single backend between many client connections (the queue that
 * `@electric-sql/pglite-socket`'s PGLiteSocketHandler takes), so that each behaves as if it had a
 * session of its own — which pglite-socket's own queue does not give (docs/adr/0020):
 *
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
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ session, message, onData, resolve, reject });
      if (session === this.owner) this.clearStall();
      void this.pump();
    });
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
      s = { id, started: false, closed: false, application: '', setup: 'RESET ALL; RESET ROLE', listening: new Set() };
      this.sessions.set(id, s);
    }
    return s;
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
        this.options.logger.error({ err: { message: (err as Error).message }, application: session.application }, 'embedded postgres: could not give a connection its session');
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
    const none: Session = { id: 0, started: true, closed: false, application: '', setup: '', listening: new Set() };
    const scanner = new BackendMessageScanner(
      () => undefined,
      (type, bytes) => type === NOTIFICATION_RESPONSE && this.routeNotification(none, bytes),
    );
    // Streamed like every other message: PGlite keeps the last stream's callback for whatever it writes next.
    await this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: (chunk) => scanner.push(chunk) }));
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
