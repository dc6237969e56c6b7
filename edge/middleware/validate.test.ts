import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-env';
import { onError } from '../errors';
import { QueryValueSchema, validate } from './validate';

const app = new Hono<AppEnv>();
app.onError(onError);
app.get('/pages/:page', validate('param', v.object({ page: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)) }), 'NOT_FOUND'), (c) =>
  c.json({ page: c.req.valid('param').page }),
);
app.get('/search', validate('query', v.object({ q: v.optional(QueryValueSchema) }), 'INVALID_REQUEST'), (c) => c.json(c.req.valid('query')));
app.post('/notes', validate('json', v.strictObject({ text: v.string() }), 'INVALID_REQUEST'), (c) => c.json(c.req.valid('json')));

const post = (body: string) => app.request('/notes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('validate', () => {
  it("hands the handler the schema's output", async () => {
    expect(await (await app.request('/pages/12')).json()).toEqual({ page: 12 });
  });

  it('refuses a mismatch with its code in the one error shape, quoting nothing of the input', async () => {
    const response = await post(JSON.stringify({ text: 'Max Mustermann', extra: 'max@example.com' }));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INVALID_REQUEST', message: expect.any(String) } });
    expect(text).not.toMatch(/Mustermann|example\.com/);
  });

  it('answers with the code the route chose', async () => {
    const response = await app.request('/pages/first');
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('QueryValueSchema', () => {
  it('reads a repeated parameter as c.req.query does: its first value', async () => {
    expect(await (await app.request('/search?q=yoga&q=spinning')).json()).toEqual({ q: 'yoga' });
    expect(await (await app.request('/search?q')).json()).toEqual({ q: '' });
    expect(await (await app.request('/search')).json()).toEqual({});
  });
});
