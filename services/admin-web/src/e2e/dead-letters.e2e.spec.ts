import { COMPLAINT_EVENTS_TOPIC, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { ComplaintHistory, eventually, randomOfficeCode, sql, startPlatformStack, testKafka, type PlatformStack } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { loginPath } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';

// The dead letters (docs/adr/0043) in Debian's Chromium against the whole platform: an event
// that does not fit (a complaint's confirmation published before the complaint was received) is
// given up on by every consumer group and sent to its DLQ; the platform operator finds them on
// /peristiwa-gagal (counted in the navigation), and once the fix is in (the complaint's first
// event published) re-drives one, then the rest group by group, until the queue is empty; every
// group has then applied the event exactly once, and the log holds it once.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const required = (text: string) => `${text} (${t('form.required')})`;

const code = randomOfficeCode();
const operatorName = `operator.${code.toLowerCase()}`;
const operatorPassword = randomBytes(12).toString('base64url');
let stack: PlatformStack;
let browser: Browser;
let operator: TestPage;

/** Why this stack's groups refuse the event (another stack's, sharing the broker, refuses its signature). */
const NOT_APPLICABLE = 'EVENT.NOT_APPLICABLE';
/** The services whose groups act on complaint events: each keeps an inbox in its schema. */
const GROUP_SCHEMAS = ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway'] as const;

async function publish(events: EventEnvelope[]): Promise<void> {
  const producer = testKafka('dead-letters-e2e').producer();
  await producer.connect();
  await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, acks: -1, messages: events.map((e) => ({ key: e.subject, value: serializeEnvelope(stack.signer(e.source)(e)) })) });
  await producer.disconnect();
}

async function api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${stack.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function addAccount(username: string, role: string, password: string): void {
  stack.processes['gateway'].runCommand(['user', 'add', '--username', username, '--role', role, '--office', code, '--display-name', `Operator ${code}`], { GATEWAY_NEW_USER_PASSWORD: password });
}

async function tokenOf(username: string, password: string): Promise<string> {
  const res = await fetch(`${stack.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  addAccount(operatorName, 'OPERATOR', operatorPassword);
  operator = await newTestPage(browser, stack.gatewayUrl);
}, 240_000);

afterEach(() => expectNoPageProblems([operator]));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

describe('the dead letters in a browser, on the whole platform', () => {
  it('shows the operator what every group gave up on, re-drives it after the fix, and the queue empties', async () => {
    const history = new ComplaintHistory({ officeCode: code, channel: 'PHONE' });
    const received = history.received();
    const [confirmed] = history.confirmed();
    await publish([confirmed]); // before the complaint exists: no group can apply it
    const token = await tokenOf(operatorName, operatorPassword);
    // Ours only: stacks share the broker and its DLQ topics, and refuse each other's events (their keys).
    const ours = async () =>
      (await sql(`SELECT id, consumer_group AS "consumerGroup" FROM "${stack.schemas['gateway']}".dead_letter WHERE event_id = $1 AND error_code = $2 AND redrive_id IS NULL`, [confirmed.id, NOT_APPLICABLE])) as {
        id: string;
        consumerGroup: string;
      }[];
    const dead = await eventually(async () => ((await ours()).length === GROUP_SCHEMAS.length ? ours() : undefined), 60_000, 'every group to dead-letter the event').catch(async (err: Error) => {
      const inboxes = await Promise.all(GROUP_SCHEMAS.map(async (g) => [g, await sql(`SELECT dead_lettered_at FROM "${stack.schemas[g]}".inbox WHERE event_id = $1`, [confirmed.id])]));
      const rows = await sql(`SELECT count(*)::int AS n, max(failed_at) AS last FROM "${stack.schemas['gateway']}".dead_letter`);
      const logs = stack.processes['gateway'].logs().split('\n').filter((l) => /follower|dead|crash|error/i.test(l) && !l.includes('"path"')).slice(-20).join('\n');
      throw new Error(`${err.message}\ninboxes: ${JSON.stringify(inboxes)}\nrows: ${JSON.stringify(rows)} ours: ${JSON.stringify(await ours())}\n${logs}`);
    });
    const { page } = operator;
    await page.goto(loginPath());
    await page.getByLabel(required(t('login.username')), { exact: true }).fill(operatorName);
    await page.getByLabel(required(t('login.password')), { exact: true }).fill(operatorPassword);
    await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
    // An operator starts at the dead letters, and the navigation offers nothing of complaints.
    await page.getByRole('heading', { level: 1, name: t('deadLetters.title'), exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: t('nav.label'), exact: true });
    await nav.getByRole('link', { name: new RegExp(`^${t('nav.deadLetters')}\\s*\\d+`) }).waitFor();
    expect(await nav.getByRole('link', { name: t('nav.complaints'), exact: true }).count()).toBe(0);
    const list = page.getByRole('list', { name: t('deadLetters.listLabel'), exact: true });
    const ourItems = list.getByRole('listitem').filter({ hasText: confirmed.id }).filter({ hasText: NOT_APPLICABLE });
    for (const d of dead) {
      await ourItems.filter({ has: page.getByRole('heading', { name: t('deadLetters.itemTitle', { type: 'complaint.confirmed', group: d.consumerGroup }), exact: true }) }).waitFor();
    }
    await shot(page, 'peristiwa-gagal');

    // The fix, then one re-driven by itself (the gateway's read model), the rest group by group.
    await publish(received);
    const gatewayGroup = dead.find((d) => !GROUP_SCHEMAS.includes(d.consumerGroup as never))?.consumerGroup ?? '';
    await ourItems.getByRole('button', { name: t('deadLetters.redriveOf', { type: 'complaint.confirmed', group: gatewayGroup }), exact: true }).click();
    await page.getByRole('status').getByText(t('deadLetters.redriven', { n: 1, group: gatewayGroup })).waitFor();
    for (const d of dead.filter((x) => x.consumerGroup !== gatewayGroup)) {
      await page.getByRole('button', { name: t('deadLetters.redriveGroup', { group: d.consumerGroup, n: 1 }), exact: true }).click();
      await page.getByRole('status').getByText(t('deadLetters.redriven', { n: 1, group: d.consumerGroup })).waitFor();
    }
    await eventually(async () => ((await ourItems.count()) === 0 ? true : undefined), 10_000, 'our dead letters to leave the queue');

    // Every group applied it once, after the complaint's first event; nothing failed again.
    for (const service of GROUP_SCHEMAS) {
      await eventually(
        async () => {
          const rows = (await sql(`SELECT processed_at, dead_lettered_at FROM "${stack.schemas[service]}".inbox WHERE event_id = $1`, [confirmed.id])) as { processed_at: Date | null }[];
          return rows.length === 1 && rows[0].processed_at ? true : undefined;
        },
        30_000,
        `${service} to apply the re-driven event`,
      );
    }
    const [view] = (await sql(`SELECT status FROM "${stack.schemas['gateway']}".complaint_view WHERE id = $1`, [history.complaintId])) as { status: string }[];
    expect(view.status).toBe('CONFIRMED');
    expect(await ours()).toEqual([]);
    // The queue is empty unless other stacks' events, refused here, are in it (none of them re-drivable).
    await page.getByRole('button', { name: t('common.refresh'), exact: true }).click();
    const left = (await api('GET', '/dead-letters', token)).body['items'] as { redrivable: boolean }[];
    expect(left.filter((d) => d.redrivable)).toEqual([]);
    if (left.length === 0) await page.getByText(t('deadLetters.emptyTitle'), { exact: true }).waitFor();
    expect(await ourItems.count()).toBe(0);
  });

  it("refuses another role's request and keeps the operator out of complaints", async () => {
    const adminName = `admin.${code.toLowerCase()}`;
    const adminPassword = randomBytes(12).toString('base64url');
    addAccount(adminName, 'ADMIN_TIKKIM', adminPassword);
    const admin = await tokenOf(adminName, adminPassword);
    const list = await api('GET', '/dead-letters', admin);
    expect([list.status, list.body['code']]).toEqual([403, 'DEAD_LETTER.FORBIDDEN_ROLE']);
    const all = await api('POST', '/dead-letters/redrive', admin, { group: 'intake' });
    expect([all.status, all.body['code']]).toEqual([403, 'DEAD_LETTER.FORBIDDEN_ROLE']);
    const token = await tokenOf(operatorName, operatorPassword);
    const complaints = await api('GET', '/complaints', token);
    expect([complaints.status, complaints.body['code']]).toEqual([403, 'AUTH.NOT_FOR_OPERATORS']);
    expect((await api('GET', '/dead-letters', `${token.slice(0, -2)}xx`)).status).toBe(401);
  });
});
