import { isProviderId, UnknownAccountError, WebhookPayloadError, type InboundProvider, type ProviderId, type WebhookRequest } from '@pengaduan/channels';
import type { ServiceRuntime } from '@pengaduan/messaging';
import type { ErrorCode } from '@pengaduan/contracts';
import type { Clock, Logger } from '@pengaduan/runtime';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { countRejection, prepareWebhook, quarantine } from './inbound-store';
import { WebhookGroupCommit } from './webhook-group-commit';

/** The HTTP answer to a webhook. */
export interface WebhookReply {
  status: number;
  contentType: string;
  body: string;
  /** More response headers (the web form's status: `Cache-Control: no-store`). */
  headers?: Record<string, string>;
}

/** RFC 9457 problem details, with the platform's stable code. */
export function problem(status: number, code: ErrorCode, title: string, extra: Record<string, unknown> = {}): WebhookReply {
  return { status, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title, status, code, ...extra }) };
}

/** Who to tell that something new is stored (the processors, in this process, so they need not wait for their poll). */
export type StoredListener = () => void;

/**
 * One webhook request: the provider's handshake, or verify → read → store. It answers 200 only
 * once the messages and receipts are committed; turning them into complaints happens after
 * (InboundProcessor), so a provider is answered quickly and its retry of an unanswered request
 * finds the message stored already and changes nothing. Webhooks arriving together share one
 * transaction ({@link WebhookGroupCommit}); each is still answered only after that commit.
 *
 * Refusals store nothing but a count: a missing or wrong signature (401/403), an account no
 * office has (403). A body that cannot be read answers 400 and is quarantined, sealed.
 */
export class ReceiveWebhookHandler {
  private readonly providers: ReadonlyMap<ProviderId, InboundProvider>;
  private readonly groupCommit: WebhookGroupCommit;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly deps: { cipher: ContactCipher; digest: SenderDigest },
    providers: readonly InboundProvider[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onStored: StoredListener = () => undefined,
  ) {
    this.providers = new Map(providers.map((p) => [p.id, p]));
    this.groupCommit = new WebhookGroupCommit(() => this.runtime.dataSource, logger);
  }

  /** The providers that are on. */
  get enabled(): ProviderId[] {
    return [...this.providers.keys()];
  }

  async receive(providerName: string, request: WebhookRequest): Promise<WebhookReply> {
    if (!isProviderId(providerName)) return problem(404, 'WEBHOOK.UNKNOWN_PROVIDER', 'no such webhook');
    const provider = this.providers.get(providerName);
    if (!provider) return problem(404, 'WEBHOOK.PROVIDER_OFF', `the ${providerName} channel is not configured on this platform`);
    const log = { provider: provider.id, subpath: request.subpath };

    if (request.method === 'GET') {
      if (!provider.handshake || request.subpath !== '') return problem(405, 'WEBHOOK.METHOD_NOT_ALLOWED', 'this webhook takes POST only');
      const answer = provider.handshake(request);
      if (answer.status !== 200) {
        await this.count(provider.id, 'BAD_VERIFY_TOKEN');
        this.logger.warn(log, 'webhook subscription handshake refused: wrong hub.mode or hub.verify_token');
      } else this.logger.info(log, 'webhook subscription handshake answered');
      return { status: answer.status, contentType: 'text/plain', body: answer.body };
    }

    const verified = provider.verify(request);
    if (!verified.ok) {
      await this.count(provider.id, verified.reason);
      this.logger.warn({ ...log, reason: verified.reason }, 'webhook refused: not from the provider');
      return problem(verified.status, `WEBHOOK.${verified.reason}`, verified.status === 401 ? 'the request is not signed' : 'the signature or credentials do not match');
    }

    const receivedAt = this.clock.now();
    let parsed;
    try {
      parsed = provider.parse(request, receivedAt);
    } catch (err) {
      if (err instanceof UnknownAccountError) {
        await this.count(provider.id, 'UNKNOWN_ACCOUNT');
        this.logger.warn(log, 'webhook refused: it names an account no office is configured with');
        return problem(403, err.code, 'this account is not one of the platform’s');
      }
      if (err instanceof WebhookPayloadError) {
        const id = await this.runtime.dataSource.transaction(async (tx) => {
          await countRejection(tx, provider.id, 'MALFORMED', receivedAt);
          return quarantine(tx, this.deps.cipher, provider.id, request, err.reason, receivedAt);
        });
        this.logger.warn({ ...log, quarantineId: id, reason: err.reason }, 'webhook could not be read: quarantined');
        return problem(400, err.code, 'the request could not be read', { detail: err.reason, quarantineId: id });
      }
      throw err;
    }

    // Sealed before it waits for a connection; answered only once its group's transaction committed.
    const stored = await this.groupCommit.store(prepareWebhook(this.deps, provider, parsed, receivedAt));
    this.logger.info({ ...log, ...stored, ignored: parsed.ignored }, 'webhook stored');
    if (stored.stored > 0 || stored.receipts > 0) this.onStored();
    return { status: 200, contentType: provider.ack.contentType, body: provider.ack.body };
  }

  /** Counts a refusal; a count that cannot be written does not change the answer. */
  async count(provider: string, reason: string): Promise<void> {
    try {
      await this.runtime.dataSource.transaction((tx) => countRejection(tx, provider, reason, this.clock.now()));
    } catch (err) {
      this.logger.error({ provider, reason, err: { message: (err as Error).message } }, 'could not count a refused webhook');
    }
  }
}
