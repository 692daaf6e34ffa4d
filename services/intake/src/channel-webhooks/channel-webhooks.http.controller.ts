import type { WebhookRequest } from '@pengaduan/channels';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RAW_BODY, type RequestWithRawBody } from './raw-body.middleware';
import { ReceiveWebhookHandler, type WebhookReply } from './receive-webhook.handler';
import { WebFormStatusQuery } from './web-form-status.query';

/** Where the platform's public base URL is, for the URL a provider signed (Twilio). */
export class PublicBaseUrl {
  constructor(readonly value: string | undefined) {}
}

/**
 * `/webhooks/<provider>[/<subpath>]`: maps the HTTP request to a {@link WebhookRequest} and the
 * handler's reply back; no rules here. The gateway forwards the platform's public
 * `/webhooks/…` here unchanged.
 */
@Controller('webhooks')
export class ChannelWebhooksHttpController {
  constructor(
    private readonly handler: ReceiveWebhookHandler,
    private readonly publicBaseUrl: PublicBaseUrl,
    private readonly webForm: WebFormStatusQuery,
  ) {}

  @Get(':provider')
  async handshake(@Param('provider') provider: string, @Req() req: RequestWithRawBody, @Res() res: Response): Promise<void> {
    send(res, await this.handler.receive(provider, this.toRequest(req, 'GET', '')));
  }

  /** The web form's page asks whether its submission has its tracking number yet. */
  @Get('web-form/:submissionId')
  async webFormStatus(@Param('submissionId') submissionId: string, @Res() res: Response): Promise<void> {
    send(res, await this.webForm.execute(submissionId));
  }

  @Post(':provider')
  async receive(@Param('provider') provider: string, @Req() req: RequestWithRawBody, @Res() res: Response): Promise<void> {
    send(res, await this.handler.receive(provider, this.toRequest(req, 'POST', '')));
  }

  @Post(':provider/:subpath')
  async receiveSubpath(@Param('provider') provider: string, @Param('subpath') subpath: string, @Req() req: RequestWithRawBody, @Res() res: Response): Promise<void> {
    send(res, await this.handler.receive(provider, this.toRequest(req, 'POST', `/${subpath}`)));
  }

  private toRequest(req: RequestWithRawBody, method: 'GET' | 'POST', subpath: string): WebhookRequest {
    const base = this.publicBaseUrl.value ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    const query: Record<string, string | undefined> = {};
    for (const [name, value] of new URL(req.originalUrl, 'http://x').searchParams) if (!(name in query)) query[name] = value;
    return { method, publicUrl: `${base}${req.originalUrl}`, subpath, headers, query, rawBody: req[RAW_BODY] ?? Buffer.alloc(0) };
  }
}

function send(res: Response, reply: WebhookReply): void {
  res.status(reply.status).set(reply.headers ?? {}).type(reply.contentType).send(reply.body);
}
