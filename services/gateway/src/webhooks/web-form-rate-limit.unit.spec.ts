import { isWebFormSubmission } from './web-form-rate-limit';

describe('a submission to the public web form', () => {
  it.each(['/webhooks/web-form', '/webhooks/web-form/', '/WEBHOOKS/Web-Form', '/webhooks/web%2Dform', '/webhooks//web-form', '/webhooks/web-form/extra', '/webhooks/web-form%2Fx'])(
    'is %s',
    (path) => expect(isWebFormSubmission(path)).toBe(true),
  );

  it.each(['/webhooks/whatsapp', '/webhooks/web-formx', '/webhooks', '/api/v1/public/tracking', '/webhooks/%E0%A4%A'])('is not %s', (path) =>
    expect(isWebFormSubmission(path)).toBe(false),
  );
});
