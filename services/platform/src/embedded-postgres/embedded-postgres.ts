import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { Logger } from '@pengaduan/runtime';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { scramVerifier } from './scram';
import { SessionMultiplexer } from './session-multiplexer';

export interface EmbeddedPostgresOptions {
  /** PGlite's data directory (created when missing; initdb runs on first use). */
  dataDir: string;
  /** Where the socket server listens (default 127.0.0.1). */
  host?: string;
  port: number;
  /** When the port is taken, listen on a free one instead of failing (for a port nobody asked for). */
  anyPortIfTaken?: boolean;
  logger: Logger;
  /**
   * The password of each role that may log in (`postgres`, the administrative one, and the
   * services' roles): every connection proves its user's (SCRAM-SHA-256), or is refused
   * (role-passwords.ts keeps them). A role must also exist in the database to be used.
   */
  passwords: Readonly<Record<string, string>>;
  /**
   * Connections at once (default 256). They cost a socket each: statements run one at a time anyway.
   * pglite-socket's own default, 1, drops a second connection.
   */
  maxConnections?: number;
  /** Postgres' shared_buffers (default 16MB: PGlite's 128MB costs ~110 MiB of resident memory per database). */
  sharedBuffers?: string;
  idleInTransactionTimeoutMs?: number;
}

/**
 * A PGlite database (Postgres compiled to WebAssembly, in this process, its files under
 * `dataDir`) served over the Postgres wire protocol on a local TCP port, so the services keep the
 * ordinary `pg` driver and their TypeORM data sources. The protocol framing is
 * `@electric-sql/pglite-socket`'s PGLiteSocketHandler; sharing the one backend among the
 * connections is SessionMultiplexer's (see there and docs/adr/0020 for why not pglite-socket's queue),
 * which also asks every connection for its password (docs/adr/0024).
 */
export class EmbeddedPostgres {
  private readonly handlers = new Map<number, PGLiteSocketHandler>();
  private readonly sockets = new Map<number, Socket>();
  private readonly mux: SessionMultiplexer;
  private server?: Server;
  private boundPort = 0;
  private closing = false;

  private constructor(
    readonly db: PGlite,
    private readonly options: EmbeddedPostgresOptions,
    /** Whether this start created the database (initdb ran). */
    readonly created: boolean,
  ) {
    this.mux = new SessionMultiplexer(db, {
      logger: options.logger,
      idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs,
      onExpired: (id) => void this.handlers.get(id)?.detach(true),
      verifiers: new Map(Object.entries(options.passwords).map(([role, password]) => [role, scramVerifier(password)])),
      onRefused: (id) => this.refused(id),
    });
  }

  static async open(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    mkdirSync(options.dataDir, { recursive: true });
    const created = !existsSync(join(options.dataDir, 'PG_VERSION'));
    const db = await PGlite.create({
      dataDir: options.dataDir,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? '16MB'}`],
    });
    const pg = new EmbeddedPostgres(db, options, created);
    try {
      await pg.listen();
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    return pg;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  /** `postgres://<user>:<its password>@host:port/postgres` (PGlite has one database; the user becomes the connection's role). */
  url(user = 'postgres'): string {
    const password = this.options.passwords[user];
    if (password === undefined) throw new Error(`embedded postgres: ${user} has no password here, so it cannot log in`);
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${this.host}:${this.port}/postgres`;
  }

  stats(): { connections: number; waiting: number } {
    return { connections: this.mux.connections, waiting: this.mux.waiting };
  }

  /** Stops taking connections, closes the open ones (rolling back what they held), closes the database. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await Promise.all([...this.handlers.values()].map((h) => h.detach(true).catch(() => undefined)));
    this.handlers.clear();
    this.sockets.clear();
    await closed;
    await this.db.close();
  }

  private async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    const bind = (port: number) =>
      new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen(port, this.host, () => {
          server.off('error', onError);
          resolve();
        });
      });
    try {
      await bind(this.options.port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !this.options.anyPortIfTaken) throw err;
      await bind(0);
      this.options.logger.info({ taken: this.options.port }, 'embedded postgres: the port was taken; listening on a free one');
    }
    server.on('error', (err) => this.options.logger.error({ err: { message: err.message } }, 'embedded postgres: server error'));
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** A refused connection: detached from the multiplexer, its socket ended once what was written to it (the ErrorResponse) has gone out. */
  private refused(id: number): void {
    const handler = this.handlers.get(id);
    const socket = this.sockets.get(id);
    void handler?.detach(false).then(() => {
      socket?.end();
      setTimeout(() => socket?.destroy(), 1_000).unref();
    });
    this.handlers.delete(id);
    this.sockets.delete(id);
  }

  private accept(socket: Socket): void {
    if (this.closing || this.handlers.size >= (this.options.maxConnections ?? 256)) {
      socket.end();
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler's queue is a class of its own in pglite-socket; SessionMultiplexer has its three methods.
      queryQueue: this.mux as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    const id = handler.handlerId;
    this.handlers.set(id, handler);
    this.sockets.set(id, socket);
    const forget = () => (this.handlers.delete(id), this.sockets.delete(id));
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch((err: Error) => {
      forget();
      this.options.logger.warn({ err: { message: err.message } }, 'embedded postgres: could not attach a connection');
      socket.destroy();
    });
  }
}
