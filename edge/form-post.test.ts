import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../tests/worker/test-worker';
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

/** What a browser without JavaScript shows for an answer: a page, never the API's JSON. */
async function page(response: Response): Promise<string> {
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
  expect(response.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'; style-src 'self' 'sha256-[\w+/=]+'/);
  const html = await response.text();
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toContain('<script');
  return html;
}

const BACK_DE = '<a href="/embed/demo-perfectgym?locale=de">Zurück zum Formular</a>';

describe('POST /v1/forms/:formId/form-post answers every refusal with a page in the form’s language', () => {
  it('a refused origin: 403, the widget’s words for it, and no way back (the form is not for that site)', async () => {
    const response = await post(filled, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    const html = await page(response);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Dieses Formular kann auf dieser Website nicht verwendet werden.');
    expect(html).not.toContain('Zurück zum Formular');
  });

  it('a body above the size limit: 413, what to do, and a link back to the form', async () => {
    const response = await post({ ...filled, note: 'x'.repeat(MAX_BODY_BYTES) });
    expect(response.status).toBe(413);
    const html = await page(response);
    expect(html).toContain('Deine Anfrage wurde nicht gesendet');
    expect(html).toContain('zu lang');
    expect(html).toContain(BACK_DE);
  });

  it('a body that is not a posted form: 415, with a link back to the form', async () => {
    const response = await request(`/v1/forms/${FORM}/form-post?locale=de`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800' },
      body: '{}',
    });
    expect(response.status).toBe(415);
    expect(await page(response)).toContain(BACK_DE);
  });

  it('an unknown form: 404 in English (no form, so no language of its own) and no link', async () => {
    const response = await request('/v1/forms/no-such-form/form-post', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:8800' },
      body: 'email=erika%40example.com',
    });
    expect(response.status).toBe(404);
    const html = await page(response);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('This form doesn&#39;t exist any more.');
    expect(html).not.toContain('<a href');
  });

  it('the visitor’s rate limit: 429 with its Retry-After, and the form again with all that was typed', async () => {
    const [lead, { formToken }] = await Promise.all([complete(), humanProof(FORM)]);
    const limited = { ...env, RATE_LIMIT_PER_CLIENT: '1', RATE_LIMIT_PER_FORM: '1000' } as unknown as Env;
    const submit = async () => {
      const ctx = createExecutionContext();
      const response = await worker.fetch(
        new Request(`https://leadgate.test/v1/forms/${FORM}/form-post?locale=de&token=${encodeURIComponent(formToken!)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:8800', 'CF-Connecting-IP': '198.51.100.41' },
          body: new URLSearchParams({ ...lead, email: `limited-${Math.random()}@example.com` }).toString(),
        }),
        limited,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response;
    };
    expect((await submit()).status).toBe(200);
    const refused = await submit();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const html = await page(refused);
    expect(html).toContain('zu viele Anfragen');
    expect(html).toContain('value="Erika"');
    expect(html).toMatch(/<form [^>]*method="post"/);
  });

  it('leaves the JSON routes’ answers as they were', async () => {
    const response = await request(`/v1/forms/${FORM}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:8800' },
      body: 'email=erika%40example.com',
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
