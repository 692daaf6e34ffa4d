import fc from 'fast-check';
import { WEBHOOK_ROUTES, webhookRouteOf } from './webhook-routes';

describe('the public webhook routes', () => {
  it.each([
    ['POST', '/webhooks/whatsapp', 'whatsapp', ''],
    ['GET', '/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1', 'whatsapp', ''],
    ['POST', '/webhooks/twilio/status', 'twilio', '/status'],
    ['POST', '/webhooks/infobip/reports', 'infobip', '/reports'],
    ['POST', '/webhooks/web-form', 'web-form', ''],
    ['GET', '/webhooks/web-form/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', 'web-form', '/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f'],
  ])('%s %s is the %s webhook%s', (method, target, provider, subpath) => {
    expect(webhookRouteOf(method, target)).toMatchObject({ ok: true, provider, subpath, path: target.split('?')[0] });
  });

  it.each([
    ['POST', 'http://127.0.0.1:9/webhooks/whatsapp', 400, 'HTTP.NOT_ORIGIN_FORM'],
    ['POST', '//evil.example/webhooks/whatsapp', 400, 'HTTP.NOT_ORIGIN_FORM'],
    ['GET', '/webhooks/../health/ready', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/./web-form', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/web%2Dform', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/web-form%2F..', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks\\web-form', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks//web-form', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/web-form/', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/Webhooks/web-form', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/twilio/status/x', 400, 'WEBHOOK.PATH_NOT_CANONICAL'],
    ['POST', '/webhooks/WhatsApp', 404, 'WEBHOOK.UNKNOWN_ROUTE'],
    ['POST', '/webhooks/nosuch', 404, 'WEBHOOK.UNKNOWN_ROUTE'],
    ['POST', '/webhooks/whatsapp/status', 404, 'WEBHOOK.UNKNOWN_ROUTE'],
    ['GET', '/webhooks/twilio', 405, 'WEBHOOK.METHOD_NOT_ALLOWED'],
    ['DELETE', '/webhooks/whatsapp', 405, 'WEBHOOK.METHOD_NOT_ALLOWED'],
  ])('%s %s is refused %i', (method, target, status, code) => {
    expect(webhookRouteOf(method, target)).toMatchObject({ ok: false, status, code });
  });

  it('accepts only what it would forward unchanged: one of the listed routes, nothing encoded, no dot segments, whatever the input', () => {
    const target = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'/webhooks/twilio-status.%2e%2F\\?#:@AZaz09 '.split('')), maxLength: 40 }),
      fc.string(),
      fc.constantFrom(...WEBHOOK_ROUTES.map((r) => `/webhooks/${r.provider}${r.subpath}`)).chain((base) => fc.tuple(fc.constant(base), fc.string({ maxLength: 8 })).map(([b, tail]) => b + tail)),
    );
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'PUT'), target, (method, t) => {
        const route = webhookRouteOf(method, t);
        if (!route.ok) return;
        expect(route.path).toMatch(/^\/webhooks\/[a-z-]+(\/[A-Za-z0-9_-]+)?$/);
        expect(route.path + route.search).toBe(t);
        expect(WEBHOOK_ROUTES.some((r) => r.method === route.method && r.provider === route.provider && (r.subpath === route.subpath || r.subpath === '/:id'))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
