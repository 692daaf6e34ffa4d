// An office of a browser test's platform stack that takes WhatsApp: a fake Cloud API (libs/testing's
// FakeWhatsApp, signing its webhooks as Meta does) that the stack's intake and notification talk
// to, with the environment that configures them for it.
import { FakeWhatsApp, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';

export class WhatsAppOffice {
  /** The office the WhatsApp number answers for. */
  readonly code = randomOfficeCode();
  private readonly secrets = { appSecret: randomBytes(16).toString('hex'), accessToken: `EAAG${randomBytes(12).toString('hex')}` };
  readonly whatsapp = new FakeWhatsApp({ appSecret: this.secrets.appSecret, accessToken: this.secrets.accessToken });

  /** Starts the fake, then the whole stack with WhatsApp configured for the office, and points the fake's webhooks at it. */
  async startStack(): Promise<PlatformStack> {
    await this.whatsapp.start();
    const stack = await startPlatformStack({
      extraEnv: {
        META_GRAPH_URL: this.whatsapp.url,
        WHATSAPP_PHONE_NUMBERS: `${this.whatsapp.phoneNumberId}=${this.code}`,
        WHATSAPP_ACCESS_TOKEN: this.secrets.accessToken,
        WHATSAPP_APP_SECRET: this.secrets.appSecret,
        WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
      },
    });
    this.whatsapp.webhookUrl = `${stack.gatewayUrl}/webhooks/whatsapp`;
    return stack;
  }
}
