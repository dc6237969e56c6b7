import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './app';
import { resetBindings } from './test-migrations';
import { humanProof, request, sim } from './test-support';

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

const FORM = 'demo-perfectgym';
const filled = { firstName: 'Erika', lastName: 'Musterfrau', email: 'erika@example.com', phone: '+49 40 1234567', 'consent.privacy': 'on' };

/** `filled`, plus "no" to the form's yes-or-no questions (named by their rendered id: the vendor's custom fields). */
async function complete(): Promise<Record<string, string>> {
  const page = await (await request(`/embed/${FORM}?locale=de`)).text();
  const questions = [...page.matchAll(/type="radio" name="([\w-]+)" value="no"/g)].map((match) => [match[1]!, 'no']);
  expect(questions.length).toBeGreaterThan(0);
  return { ...filled, ...Object.fromEntries(questions) };
}

async function post(fields: Record<string, string>, headers: Record<string, string> = {}, token?: string) {
  const proof = await humanProof(FORM);
  return request(`/v1/forms/${FORM}/form-post?locale=de&token=${encodeURIComponent(token ?? proof.formToken!)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:8800', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const creates = async () => (await sim.requests('demo-gym')).filter((r) => r.path === '/demo-gym/v1/leads/create');

describe('POST /v1/forms/:formId/form-post (the form without JavaScript)', () => {
  it('refuses a page on an origin the form does not allow, as the JSON route does', async () => {
    const response = await post(filled, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await creates()).toEqual([]);
  });

  it('refuses a filled honeypot: the form again with the bot check’s words, and nothing reaches the vendor', async () => {
    const response = await post({ ...filled, website: 'http://spam.example' });
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('automatisiert');
    expect(page).toContain('value="Erika"');
    expect(await creates()).toEqual([]);
  });

  it('refuses a post without a form token', async () => {
    const response = await post(filled, {}, '');
    expect(response.status).toBe(403);
    expect(await creates()).toEqual([]);
  });

  it('refuses a body above the size limit (413) and one that is not a posted form (415)', async () => {
    expect((await post({ ...filled, note: 'x'.repeat(MAX_BODY_BYTES) })).status).toBe(413);
    const json = await request(`/v1/forms/${FORM}/form-post`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
      body: '{}',
    });
    expect(json.status).toBe(415);
  });

  it('answers a re-post of the same rendered form with the same values (a reload) with the thank-you page, and makes no second lead', async () => {
    const [lead, { formToken }] = await Promise.all([complete(), humanProof(FORM)]);
    const first = await post(lead, {}, formToken);
    expect(first.status).toBe(200);
    const again = await post(lead, {}, formToken);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Danke!');
    expect(await creates()).toHaveLength(1);
  });

  it('takes a post of the same rendered form with other values as a new submission', async () => {
    const [lead, { formToken }] = await Promise.all([complete(), humanProof(FORM)]);
    expect((await post(lead, {}, formToken)).status).toBe(200);
    expect((await post({ ...lead, email: 'erika.m@example.com' }, {}, formToken)).status).toBe(200);
    expect((await creates()).map((create) => (create.body as { leadCustomer: { email: string } }).leadCustomer.email)).toEqual([
      'erika@example.com',
      'erika.m@example.com',
    ]);
  });

  it('answers a page whose only style is the widget’s, allowed by its hash, with no script', async () => {
    const response = await post({ ...filled, email: 'not-an-email' });
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'; style-src 'self' 'sha256-[\w+/=]+'/);
    expect(await response.text()).not.toContain('<script');
  });
});
