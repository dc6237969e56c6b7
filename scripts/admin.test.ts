import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../shared/admin';
import { runAdmin } from './admin';

const TOKEN = 'tok_9f8e7d6c5b4a39281706';

interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

type Route = (url: URL, call: Call) => Response | Promise<Response>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function delivery(overrides: Partial<DeliverySummary> = {}): DeliverySummary {
  const base: DeliverySummary = {
    id: 'sub_0001',
    formId: 'demo-perfectgym',
    status: 'failed',
    attempts: 3,
    lastErrorCode: 'status_503',
    failureReason: 'budget_exhausted',
    vendorId: null,
    vendorRefs: null,
    outcomeUnknown: false,
    createdAt: '2026-05-01T12:00:00.000Z',
    updatedAt: '2026-05-01T12:30:00.000Z',
    nextAttemptAt: null,
    deadLetteredAt: '2026-05-01T12:30:00.000Z',
    purgedAt: null,
  };
  return Object.assign(base, overrides);
}

/** runAdmin with a fake Worker: `route` answers every request; output and calls are kept. */
async function run(argv: string[], route: Route = () => json({}), options: { env?: Record<string, string>; devVars?: Record<string, string> | Error } = {}) {
  const calls: Call[] = [];
  let stdout = '';
  let stderr = '';
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body as string | undefined };
    calls.push(call);
    return route(new URL(call.url), call);
  }) as typeof fetch;
  const devVars = options.devVars ?? { LEADGATE_ADMIN_TOKEN: TOKEN };
  const code = await runAdmin(argv, {
    fetch: fakeFetch,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readDevVars: () => {
      if (devVars instanceof Error) throw devVars;
      return devVars;
    },
  });
  return { code, stdout, stderr, calls };
}

describe('usage errors', () => {
  it('names an unknown command and exits 1 without calling the Worker', async () => {
    const result = await run(['lsit', 'demo-perfectgym']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown command "lsit"');
    expect(result.stderr).toContain('npm run admin -- help');
    expect(result.calls).toEqual([]);
  });

  it('prints the usage on stderr and exits 1 when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no command given');
    expect(result.stderr).toContain('replay-all <formId>');
  });

  it('prints the usage on stdout and exits 0 for help', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: npm run admin -- <command> [options]');
      expect(result.stderr).toBe('');
    }
  });

  it('names the missing argument', async () => {
    const list = await run(['list']);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('list is missing <formId>');
    const show = await run(['show', 'demo-perfectgym']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('show is missing <id>: npm run admin -- show <formId> <id>');
  });

  it('refuses an extra argument', async () => {
    const result = await run(['stats', 'demo-perfectgym', 'oops']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stats got an extra argument "oops"');
  });

  it('names the allowed values for a bad --status', async () => {
    const result = await run(['list', 'demo-perfectgym', '--status', 'dead']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--status "dead" is not a delivery status; use one of: pending, queued, delivered, duplicate, rejected, held, unknown, failed',
    );
    expect(result.calls).toEqual([]);
  });

  it('refuses a --limit that is not a whole number from 1 to 200', async () => {
    for (const limit of ['0', '201', 'ten', '2.5', '-3']) {
      const result = await run(['list', 'demo-perfectgym', `--limit=${limit}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`--limit "${limit}" must be a whole number from 1 to 200`);
    }
  });

  it('refuses list options on other commands', async () => {
    const result = await run(['stats', 'demo-perfectgym', '--status', 'failed']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--status only applies to list');
  });

  it('names an unknown option', async () => {
    const result = await run(['stats', 'demo-perfectgym', '--verbose']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown option --verbose');
  });

  it('refuses a --url that is not http(s)', async () => {
    const result = await run(['stats', 'demo-perfectgym', '--url', 'localhost:8787']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--url "localhost:8787" is not an http(s) URL');
  });
});

describe('the Worker and the token', () => {
  it('calls the default Worker with the token from .dev.vars as a Bearer header', async () => {
    const result = await run(['stats', 'demo-perfectgym'], () => json({ formId: 'demo-perfectgym', counts: {} }));
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]?.url).toBe('http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/stats');
    expect(result.calls[0]?.method).toBe('GET');
    expect(result.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('prefers the token and the URL from the environment, and --url over LEADGATE_URL', async () => {
    const env = { LEADGATE_ADMIN_TOKEN: 'from-env-token', LEADGATE_URL: 'https://leadgate.example.com/' };
    const fromEnv = await run(['stats', 'f'], () => json({ formId: 'f', counts: {} }), { env, devVars: new Error('no file') });
    expect(fromEnv.calls[0]?.url).toBe('https://leadgate.example.com/v1/admin/forms/f/stats');
    expect(fromEnv.calls[0]?.headers.get('authorization')).toBe('Bearer from-env-token');
    const fromFlag = await run(['stats', 'f', '--url', 'http://127.0.0.1:9999'], () => json({ formId: 'f', counts: {} }), { env });
    expect(fromFlag.calls[0]?.url).toBe('http://127.0.0.1:9999/v1/admin/forms/f/stats');
  });

  it('says where to put the token when there is none', async () => {
    const result = await run(['stats', 'f'], undefined, { devVars: { PG_DEMO_API_KEY: 'k' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no admin token: LEADGATE_ADMIN_TOKEN is neither in the environment nor in .dev.vars');
    expect(result.calls).toEqual([]);
  });

  it('never prints the token, even when the Worker echoes it', async () => {
    const echo: Route = () => json({ error: { code: 'ADMIN_UNAUTHORIZED', message: `Send the admin token, not "${TOKEN}".` } }, 401);
    const failed = await run(['stats', 'f'], echo);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('ADMIN_UNAUTHORIZED');
    const listed = await run(['list', 'f', '--json'], () => json({ deliveries: [delivery({ lastErrorCode: TOKEN })] }));
    expect(listed.code).toBe(0);
    for (const output of [failed.stdout, failed.stderr, listed.stdout, listed.stderr]) expect(output).not.toContain(TOKEN);
  });

  it('names the URL and suggests npm start when the Worker cannot be reached', async () => {
    const refused: Route = () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' }) });
    };
    const result = await run(['list', 'demo-perfectgym'], refused);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'admin: cannot reach the Worker at http://127.0.0.1:8787 (ECONNREFUSED). Is it running? Start it with "npm start", or point --url or LEADGATE_URL at it.\n',
    );
  });
});

describe('API errors', () => {
  it('prints the code, the HTTP status and the message', async () => {
    const result = await run(['show', 'demo-perfectgym', 'nope'], () =>
      json({ error: { code: 'SUBMISSION_NOT_FOUND', message: 'No submission with this id exists for this form.' } }, 404),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('admin: SUBMISSION_NOT_FOUND (HTTP 404): No submission with this id exists for this form.\n');
  });

  it('adds how to turn the admin API on to ADMIN_DISABLED', async () => {
    const result = await run(['stats', 'f'], () =>
      json({ error: { code: 'ADMIN_DISABLED', message: 'The admin API is off: the Worker secret LEADGATE_ADMIN_TOKEN is not set.' } }, 403),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ADMIN_DISABLED (HTTP 403)');
    expect(result.stderr).toContain('wrangler secret put LEADGATE_ADMIN_TOKEN');
  });

  it('shows the status and the start of the body when an error has no error code', async () => {
    const result = await run(['stats', 'f'], () => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('admin: the Worker at http://127.0.0.1:8787 answered HTTP 502 without an error code: <html>Bad gateway</html>\n');
  });

  it('refuses an answer that does not match the schema', async () => {
    const result = await run(['stats', 'f'], () => json({ formId: 'f', counts: { failed: 'many' } }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unexpected answer from the Worker at http://127.0.0.1:8787/v1/admin/forms/f/stats');
  });
});

describe('list', () => {
  it('prints an aligned table with a dash for empty values', async () => {
    const deliveries = [
      delivery(),
      delivery({
        id: 'sub_0002_longer',
        status: 'queued',
        attempts: 12,
        lastErrorCode: null,
        failureReason: null,
        nextAttemptAt: '2026-05-01T12:01:30.000Z',
      }),
    ];
    const result = await run(['list', 'demo-perfectgym'], () => json({ deliveries }));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'ID               STATUS  ATTEMPTS  LAST ERROR  FAILURE REASON    CREATED               NEXT ATTEMPT',
        'sub_0001         failed         3  status_503  budget_exhausted  2026-05-01 12:00:00Z  -',
        'sub_0002_longer  queued        12  -           -                 2026-05-01 12:00:00Z  2026-05-01 12:01:30Z',
        '',
        '2 deliveries of form demo-perfectgym.',
        '',
      ].join('\n'),
    );
  });

  it('sends --status and --limit and says when there is a next page', async () => {
    const result = await run(['list', 'demo-perfectgym', '--status', 'failed', '--limit', '1'], () => json({ deliveries: [delivery()], nextCursor: 'c2' }));
    const url = new URL(result.calls[0]?.url ?? '');
    expect(url.pathname).toBe('/v1/admin/forms/demo-perfectgym/deliveries');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'failed', limit: '1' });
    expect(result.calls).toHaveLength(1);
    expect(result.stdout).toContain('1 delivery of form demo-perfectgym with status failed; more on the next page, add --all to list them all.');
  });

  it('says so when there are no deliveries', async () => {
    const result = await run(['list', 'demo-perfectgym', '--status', 'failed'], () => json({ deliveries: [] }));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No deliveries for form demo-perfectgym with status failed.\n');
  });

  it('follows nextCursor to the last page with --all', async () => {
    const pages: Record<string, { deliveries: DeliverySummary[]; nextCursor?: string }> = {
      '': { deliveries: [delivery({ id: 'a' })], nextCursor: 'c2' },
      c2: { deliveries: [delivery({ id: 'b' })], nextCursor: 'c3' },
      c3: { deliveries: [delivery({ id: 'c' })] },
    };
    const result = await run(['list', 'demo-perfectgym', '--all', '--limit', '1'], (url) => json(pages[url.searchParams.get('cursor') ?? '']));
    expect(result.code).toBe(0);
    expect(result.calls.map((call) => new URL(call.url).searchParams.get('cursor'))).toEqual([null, 'c2', 'c3']);
    expect(result.calls.every((call) => new URL(call.url).searchParams.get('limit') === '1')).toBe(true);
    expect(
      result.stdout
        .split('\n')
        .slice(1, 4)
        .map((line) => line.split(' ')[0]),
    ).toEqual(['a', 'b', 'c']);
    expect(result.stdout).toContain('3 deliveries of form demo-perfectgym.');
  });

  it('prints every page as one JSON list with --all --json', async () => {
    const pages: Record<string, unknown> = {
      '': { deliveries: [delivery({ id: 'a' })], nextCursor: 'c2' },
      c2: { deliveries: [delivery({ id: 'b' })] },
    };
    const result = await run(['list', 'f', '--all', '--json'], (url) => json(pages[url.searchParams.get('cursor') ?? '']));
    expect(JSON.parse(result.stdout)).toEqual({ deliveries: [delivery({ id: 'a' }), delivery({ id: 'b' })] });
  });

  it('stops when the Worker repeats a cursor', async () => {
    const result = await run(['list', 'f', '--all'], () => json({ deliveries: [delivery()], nextCursor: 'same' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the Worker gave the same cursor twice ("same")');
    expect(result.calls).toHaveLength(2);
  });
});

describe('--json', () => {
  it('prints the answer as the Worker sent it, keys the schema does not know included', async () => {
    const answer = { deliveries: [{ ...delivery(), extra: 'kept' }], nextCursor: 'c2' };
    const result = await run(['list', 'f', '--json'], () => json(answer));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(answer);
  });
});

describe('show, stats and replay', () => {
  it('prints one delivery as key: value lines, its lead flattened', async () => {
    const lead = { firstName: 'Max', email: 'max@example.com', consent: { privacy: true } };
    const result = await run(['show', 'demo-perfectgym', 'sub_0001'], () => json({ delivery: { ...delivery(), lead } }));
    expect(result.calls[0]?.url).toBe('http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/deliveries/sub_0001');
    expect(result.stdout).toBe(
      [
        'id:                    sub_0001',
        'form:                  demo-perfectgym',
        'status:                failed',
        'attempts:              3',
        'last error:            status_503',
        'failure reason:        budget_exhausted',
        'vendor id:             -',
        'created:               2026-05-01T12:00:00.000Z',
        'updated:               2026-05-01T12:30:00.000Z',
        'next attempt:          -',
        'dead-lettered:         2026-05-01T12:30:00.000Z',
        'purged:                -',
        'lead.firstName:        Max',
        'lead.email:            max@example.com',
        'lead.consent.privacy:  true',
        '',
      ].join('\n'),
    );
  });

  it('says the lead was deleted once it is purged', async () => {
    const purged = { ...delivery({ purgedAt: '2026-06-01T00:00:00.000Z' }), lead: null };
    const result = await run(['show', 'f', 'sub_0001'], () => json({ delivery: purged }));
    expect(result.stdout).toMatch(/^lead: +\(deleted\)$/m);
  });

  it('prints the count of every status and the total', async () => {
    const counts = { delivered: 1985, queued: 3, held: 4, unknown: 1, failed: 7 };
    const result = await run(['stats', 'demo-perfectgym'], () => json({ formId: 'demo-perfectgym', counts }));
    expect(result.stdout).toBe(
      [
        'form:       demo-perfectgym',
        'pending:    0',
        'queued:     3',
        'delivered:  1985',
        'duplicate:  0',
        'rejected:   0',
        'held:       4',
        'unknown:    1',
        'failed:     7',
        'total:      2000',
        '',
      ].join('\n'),
    );
  });

  it('replays one delivery with a POST and lists what went back into the queue', async () => {
    const result = await run(['replay', 'demo-perfectgym', 'sub_0001'], () => json({ replayed: ['sub_0001'] }, 202));
    expect(result.code).toBe(0);
    expect(result.calls[0]?.method).toBe('POST');
    expect(result.calls[0]?.url).toBe('http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/deliveries/sub_0001/replay');
    expect(result.stdout).toBe('Replayed 1 delivery of form demo-perfectgym; back in the queue:\n  sub_0001\n');
  });

  it('replays every dead letter of a form', async () => {
    const result = await run(['replay-all', 'demo-perfectgym'], () => json({ replayed: ['a', 'b'] }, 202));
    expect(result.calls[0]?.method).toBe('POST');
    expect(result.calls[0]?.url).toBe('http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/dead-letters/replay');
    expect(result.stdout).toBe('Replayed 2 deliveries of form demo-perfectgym; back in the queue:\n  a\n  b\n');
  });

  it('re-encrypts stored leads batch by batch until none remain', async () => {
    const answers = [
      { reencrypted: 500, unreadable: 1, remaining: 20 },
      { reencrypted: 20, unreadable: 1, remaining: 0 },
    ];
    const result = await run(['re-encrypt'], () => json(answers.shift()));
    expect(result.code).toBe(0);
    expect(result.calls.map((call) => [call.method, call.url])).toEqual([
      ['POST', 'http://127.0.0.1:8787/v1/admin/keys/re-encrypt'],
      ['POST', 'http://127.0.0.1:8787/v1/admin/keys/re-encrypt'],
    ]);
    expect(result.stdout).toBe('Re-encrypted 520 stored lead(s) under the current key; 1 unreadable (no listed key opens them); 0 remaining.\n');
  });

  it('says so when there was nothing to replay', async () => {
    const result = await run(['replay-all', 'demo-perfectgym'], () => json({ replayed: [] }, 202));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Nothing replayed: form demo-perfectgym has no failed or held delivery to put back into the queue.\n');
  });

  it('prints DELIVERY_NOT_REPLAYABLE as an error', async () => {
    const result = await run(['replay', 'f', 'sub_0001'], () =>
      json({ error: { code: 'DELIVERY_NOT_REPLAYABLE', message: 'Only a failed delivery whose lead is still kept can be replayed.' } }, 409),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('admin: DELIVERY_NOT_REPLAYABLE (HTTP 409): Only a failed delivery whose lead is still kept can be replayed.\n');
  });

  it('says when a create went unanswered, only then', async () => {
    const unknown = { ...delivery({ status: 'unknown', outcomeUnknown: true, failureReason: null }), lead: null };
    expect((await run(['show', 'f', 'sub_0001'], () => json({ delivery: unknown }))).stdout).toMatch(/^outcome unknown: +yes: /m);
    expect((await run(['show', 'f', 'sub_0001'], () => json({ delivery: { ...delivery(), lead: null } }))).stdout).not.toContain('outcome unknown');
  });
});

describe('resolving a delivery whose outcome is unknown', () => {
  it('marks it arrived with a POST, passing the vendor id when given', async () => {
    const result = await run(['arrived', 'demo-perfectgym', 'sub_0001', '--vendor-id', '4711'], () => json({ id: 'sub_0001', status: 'delivered' }));
    expect(result.code).toBe(0);
    expect(result.calls[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/deliveries/sub_0001/arrived' });
    expect(JSON.parse(result.calls[0]?.body ?? '')).toEqual({ vendorId: '4711' });
    expect(result.calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(result.stdout).toBe('Delivery sub_0001 of form demo-perfectgym is marked delivered (vendor id 4711).\n');
  });

  it('marks it arrived without a body when no vendor id is given', async () => {
    const result = await run(['arrived', 'f', 'sub_0001'], () => json({ id: 'sub_0001', status: 'delivered' }));
    expect(result.calls[0]?.body).toBeUndefined();
    expect(result.stdout).toBe('Delivery sub_0001 of form f is marked delivered.\n');
  });

  it('sends it again with a POST', async () => {
    const result = await run(['send-again', 'demo-perfectgym', 'sub_0001'], () => json({ id: 'sub_0001', status: 'queued' }, 202));
    expect(result.code).toBe(0);
    expect(result.calls[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/deliveries/sub_0001/send-again' });
    expect(result.stdout).toBe('Delivery sub_0001 of form demo-perfectgym is back in the queue: it will be created at the vendor anew.\n');
  });

  it('refuses --vendor-id on any other command, without calling the Worker', async () => {
    const result = await run(['send-again', 'f', 'sub_0001', '--vendor-id', '4711']);
    expect([result.code, result.calls]).toEqual([1, []]);
    expect(result.stderr).toContain('--vendor-id only applies to arrived');
  });

  it('prints DELIVERY_NOT_UNKNOWN as an error', async () => {
    const message = 'Only a delivery whose outcome is unknown can be marked arrived or sent again.';
    const result = await run(['arrived', 'f', 'sub_0001'], () => json({ error: { code: 'DELIVERY_NOT_UNKNOWN', message } }, 409));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`admin: DELIVERY_NOT_UNKNOWN (HTTP 409): ${message}\n`);
  });
});

describe('tokens', () => {
  const created = {
    token: 'lgt_0123456789abcdefghijABCDEFGHIJ_-0123456789',
    id: '0123456789abcdef',
    forms: ['demo-perfectgym', 'demo-crm'],
    label: 'agency',
    createdAt: '2026-05-01T12:00:00.000Z',
    revokedAt: null,
    lastUsedAt: null,
  };

  it('create sends the forms and label with the global token, and prints the new token once', async () => {
    const result = await run(['tokens', 'create', '--forms', 'demo-perfectgym, demo-crm', '--label', 'agency'], () => json(created, 201));
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]!.method).toBe('POST');
    expect(result.calls[0]!.url).toBe('http://127.0.0.1:8787/v1/admin/tokens');
    expect(result.calls[0]!.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(result.calls[0]!.body!)).toEqual({ forms: ['demo-perfectgym', 'demo-crm'], label: 'agency' });
    expect(result.stdout.split(created.token)).toHaveLength(2);
    expect(result.stdout).toContain('tokens revoke 0123456789abcdef');
  });

  it('list prints ids, forms and state, and revoke sends DELETE for the id', async () => {
    const { token: _secret, ...summary } = created;
    const list = await run(['tokens', 'list'], () => json({ tokens: [{ ...summary, revokedAt: '2026-05-02T08:00:00.000Z' }] }));
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('0123456789abcdef  demo-perfectgym,demo-crm  agency  created 2026-05-01 12:00:00Z  revoked 2026-05-02 08:00:00Z');

    const revoke = await run(['tokens', 'revoke', '0123456789abcdef'], () => json({ id: '0123456789abcdef', revokedAt: '2026-05-02T08:00:00.000Z' }));
    expect([revoke.code, revoke.calls[0]!.method, revoke.calls[0]!.url]).toEqual([0, 'DELETE', 'http://127.0.0.1:8787/v1/admin/tokens/0123456789abcdef']);
    expect(revoke.stdout).toContain('Token 0123456789abcdef revoked.');
  });

  it('refuses wrong usage without calling the Worker', async () => {
    for (const [argv, message] of [
      [['tokens'], 'tokens needs one of: create, list, revoke'],
      [['tokens', 'drop'], 'tokens needs one of: create, list, revoke'],
      [['tokens', 'create'], 'tokens create needs --forms'],
      [['tokens', 'create', '--forms', ' , '], 'tokens create needs --forms'],
      [['tokens', 'revoke'], 'tokens revoke is missing <tokenId>'],
      [['tokens', 'list', '--forms', 'a'], '--forms only applies to tokens create'],
      [['stats', 'demo-perfectgym', '--label', 'x'], '--label only applies to tokens create'],
    ] as const) {
      const result = await run([...argv]);
      expect([result.code, result.calls.length]).toEqual([1, 0]);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('a locked-out address', () => {
  it('is told why, and that waiting is the way out', async () => {
    const result = await run(['stats', 'demo-perfectgym'], () =>
      json({ error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again later.' } }, 429),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('RATE_LIMITED (HTTP 429)');
    expect(result.stderr).toContain('Too many wrong admin tokens came from this address');
  });
});

describe('erase, export and audit', () => {
  it('erases by e-mail or by submission id with a JSON body, and lists what went', async () => {
    const byMail = await run(['erase', 'demo-perfectgym', '--email', 'max@example.com'], () => json({ erased: 2, submissionIds: ['a-0001', 'a-0002'] }));
    expect(byMail.code).toBe(0);
    expect(byMail.calls[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/erase' });
    expect(JSON.parse(byMail.calls[0]!.body!)).toEqual({ email: 'max@example.com' });
    expect(byMail.stdout).toBe('Erased 2 submissions of form demo-perfectgym:\n  a-0001\n  a-0002\n');
    const byId = await run(['erase', 'demo-perfectgym', '--submission', 'a-0003'], () => json({ erased: 0, submissionIds: [] }));
    expect(JSON.parse(byId.calls[0]!.body!)).toEqual({ submissionId: 'a-0003' });
    expect(byId.stdout).toContain('Nothing to erase');
  });

  it('needs exactly one of --email and --submission for erase, and --email for export', async () => {
    for (const argv of [
      ['erase', 'f'],
      ['erase', 'f', '--email', 'a@b.c', '--submission', 'x'],
      ['export', 'f'],
      ['export', 'f', '--submission', 'x'],
      ['list', 'f', '--email', 'a@b.c'],
    ]) {
      const result = await run(argv);
      expect([result.code, result.calls.length], argv.join(' ')).toEqual([1, 0]);
    }
  });

  it('prints the export as JSON, with the address in the query', async () => {
    const answer = { formId: 'f', submissions: [{ id: 'a-0001', lead: { email: 'max@example.com' } }] };
    const result = await run(['export', 'f', '--email', 'max+x@example.com'], () => json(answer));
    expect(new URL(result.calls[0]!.url).searchParams.get('email')).toBe('max+x@example.com');
    expect(JSON.parse(result.stdout)).toEqual(answer);
  });

  it('prints the audit log a line an entry', async () => {
    const entries = [
      { seq: 1, at: '2026-05-01T12:00:00.000Z', actor: 'admin', action: 'erase', formId: 'f', target: 'submission:a-0001', count: 1, requestId: 'r' },
    ];
    const result = await run(['audit'], () => json({ entries }));
    expect(result.calls[0]!.url).toBe('http://127.0.0.1:8787/v1/admin/audit');
    expect(result.stdout).toBe('2026-05-01T12:00:00.000Z  admin  erase  f  submission:a-0001  1\n');
  });
});

describe('alerts test', () => {
  it('asks the Worker for a test event and says where it went', async () => {
    const result = await run(['alerts', 'test', 'demo-perfectgym'], () => json({ queued: true, eventId: 'evt_0123', webhooks: 1 }, 202));
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.calls.map((c) => [c.method, c.url])).toEqual([['POST', 'http://127.0.0.1:8787/v1/admin/forms/demo-perfectgym/alerts/test']]);
    expect(result.stdout).toBe('Test event evt_0123 queued for 1 webhook of form demo-perfectgym.\n');
  });

  it('passes on the Worker’s 422 when the form has no webhook, and names a wrong action', async () => {
    const refused = await run(['alerts', 'test', 'demo-crm'], () =>
      json({ error: { code: 'ALERTS_NOT_CONFIGURED', message: 'This form has no alert webhook.' } }, 422),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ALERTS_NOT_CONFIGURED');
    const wrong = await run(['alerts', 'send', 'demo-crm']);
    expect([wrong.code, wrong.calls]).toEqual([1, []]);
    expect(wrong.stderr).toContain('alerts needs: test <formId>');
  });
});

describe('forms', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-forms-cli-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
    return path;
  };
  const form = (id: string, extra: Record<string, unknown> = {}) => ({ id, vendor: 'echo', ...extra });
  const view = (formId: string, version: number, config: Record<string, unknown> = form(formId)) => ({
    formId,
    version,
    source: version === 0 ? 'file' : 'published',
    config,
    publishedAt: null,
    publishedBy: null,
    missingSecrets: [],
  });
  const notFound = () => json({ error: { code: 'FORM_NOT_FOUND', message: 'No such form.' } }, 404);

  it('imports a forms file: every form checked first, then each published over its current version, a new one from 0', async () => {
    const path = file('ok.json', { forms: [form('gym-a'), form('gym-b')] });
    const result = await run(['forms', 'import', path], (url, call) => {
      if (url.pathname.endsWith('/config/check')) return json({ ok: true, issues: [], missingSecrets: [] });
      if (call.method === 'GET') return url.pathname.includes('gym-a') ? json(view('gym-a', 3)) : notFound();
      const { baseVersion } = JSON.parse(call.body!) as { baseVersion: number };
      return json({ ...view(url.pathname.split('/')[4]!, baseVersion + 1), changed: true });
    });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /v1/admin/forms/gym-a/config/check',
      'POST /v1/admin/forms/gym-b/config/check',
      'GET /v1/admin/forms/gym-a/config',
      'PUT /v1/admin/forms/gym-a/config',
      'GET /v1/admin/forms/gym-b/config',
      'PUT /v1/admin/forms/gym-b/config',
    ]);
    expect(JSON.parse(result.calls[3]!.body!)).toEqual({ baseVersion: 3, config: form('gym-a'), note: `import from ${path}`, action: 'import' });
    expect(JSON.parse(result.calls[5]!.body!)).toMatchObject({ baseVersion: 0 });
    expect(result.stdout).toBe('gym-a: published version 4 (was 3)\ngym-b: published version 1 (new)\n');
  });

  it('publishes nothing when one form of the file does not pass, and names every problem', async () => {
    const path = file('bad.json', { forms: [form('gym-a'), form('gym-b', { vendr: 'x' })] });
    const result = await run(['forms', 'import', path], (url) =>
      url.pathname.includes('gym-b')
        ? json({ ok: false, issues: [{ path: 'vendr', message: 'is not a key here; did you mean "vendor"?' }], missingSecrets: ['GYM_B_KEY'] })
        : json({ ok: true, issues: [], missingSecrets: [] }),
    );
    expect(result.code).toBe(1);
    expect(result.calls.every((c) => c.method === 'POST' && c.url.endsWith('/config/check'))).toBe(true);
    expect(result.stderr).toContain(`${path}: nothing imported`);
    expect(result.stderr).toContain('form "gym-b" vendr: is not a key here; did you mean "vendor"?');
    expect(result.stderr).toContain('form "gym-b" names secrets this Worker lacks: GYM_B_KEY');
  });

  it('names the line and column of broken JSON, a file that is not a forms file, and an id listed twice, without calling the Worker', async () => {
    const broken = await run(['forms', 'import', file('broken.json', '{\n  "forms": [\n    { "id": "a", }\n  ]\n}\n')]);
    expect([broken.code, broken.calls]).toEqual([1, []]);
    expect(broken.stderr).toContain('broken.json:3:18:');
    const notForms = await run(['forms', 'import', file('list.json', [form('a')])]);
    expect(notForms.stderr).toContain('is not a forms file');
    const twice = await run(['forms', 'import', file('twice.json', { forms: [form('a'), form('a')] })]);
    expect([twice.code, twice.calls]).toEqual([1, []]);
    expect(twice.stderr).toContain('form "a" is listed twice');
    const missing = await run(['forms', 'import', join(dir, 'nope.json')]);
    expect(missing.stderr).toContain('cannot read');
  });

  it('exports every form the Worker has as a forms file, to stdout or --out', async () => {
    const route: Route = (url) =>
      url.pathname === '/v1/admin/overview'
        ? json({
            forms: ['gym-a', 'gym-b'].map((id) => ({
              id,
              vendor: 'echo',
              leads24h: 0,
              leads30d: 0,
              held: 0,
              deadLetters: 0,
              unknown: 0,
              light: 'grey',
              lightReason: '',
            })),
          })
        : json(view(url.pathname.split('/')[4]!, 2));
    const printed = await run(['forms', 'export'], route);
    expect(JSON.parse(printed.stdout)).toEqual({ $schema: './forms.schema.json', forms: [form('gym-a'), form('gym-b')] });
    const out = join(dir, 'exported.json');
    const written = await run(['forms', 'export', '--out', out], route);
    expect(written.stdout).toBe(`Wrote 2 forms to ${out}.\n`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(printed.stdout));
  });

  it('publishes one form from a file over the version given with --base, and says what a 409 or a 422 means', async () => {
    const path = file('one.json', form('gym-a', { defaultLocale: 'de' }));
    const ok = await run(['forms', 'publish', 'gym-a', path, '--base', '2', '--note', 'German first'], () => json({ ...view('gym-a', 3), changed: true }));
    expect(ok.calls.map((c) => c.method)).toEqual(['PUT']);
    expect(JSON.parse(ok.calls[0]!.body!)).toEqual({ baseVersion: 2, config: form('gym-a', { defaultLocale: 'de' }), note: 'German first' });
    expect(ok.stdout).toBe('gym-a: published version 3 (was 2)\n');
    const stale = await run(['forms', 'publish', 'gym-a', path, '--base', '2'], () =>
      json({ error: { code: 'FORM_VERSION_CONFLICT', message: 'Someone else published.', expectedVersion: 2, currentVersion: 5 } }, 409),
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('you edited version 2, the form is at version 5');
    const invalid = await run(['forms', 'publish', 'gym-a', path, '--base', '2'], () =>
      json(
        { error: { code: 'FORM_CONFIG_INVALID', message: 'The form config is invalid.', issues: [{ path: 'connection.baseUrl', message: 'must be a URL' }] } },
        422,
      ),
    );
    expect(invalid.stderr).toContain('  connection.baseUrl: must be a URL');
    const other = await run(['forms', 'publish', 'gym-b', path]);
    expect([other.code, other.calls]).toEqual([1, []]);
    expect(other.stderr).toContain('holds form "gym-a", not "gym-b"');
  });

  it('lists, shows, lists the history and rolls back to a version that exists', async () => {
    const list = await run(['forms', 'list'], (url) =>
      url.pathname === '/v1/admin/overview'
        ? json({ forms: [{ id: 'gym-a', vendor: 'echo', leads24h: 0, leads30d: 0, held: 0, deadLetters: 0, unknown: 0, light: 'grey', lightReason: '' }] })
        : json({ ...view('gym-a', 2), missingSecrets: ['ECHO_KEY'] }),
    );
    expect(list.stdout).toBe('ID     VENDOR  VERSION  SOURCE     MISSING SECRETS\ngym-a  echo    2        published  ECHO_KEY\n');
    const shown = await run(['forms', 'show', 'gym-a'], () => json(view('gym-a', 2)));
    expect(shown.stdout).toContain('# gym-a: version 2 (published)');
    expect(shown.stdout).toContain('"vendor": "echo"');
    const history = await run(['forms', 'history', 'gym-a'], () =>
      json({ versions: [{ version: 2, action: 'rollback', publishedAt: '2026-12-01T10:00:00.000Z', publishedBy: 'admin', note: null }] }),
    );
    expect(history.stdout).toContain('2        rollback  2026-12-01T10:00:00.000Z  admin  -');
    const rolled = await run(['forms', 'rollback', 'gym-a', '1'], (url, call) => {
      if (url.pathname.endsWith('/versions/1'))
        return json({ version: 1, action: 'publish', publishedAt: 'x', publishedBy: 'admin', note: null, formId: 'gym-a', config: form('gym-a') });
      if (call.method === 'GET') return json(view('gym-a', 2));
      return json({ ...view('gym-a', 3), changed: true });
    });
    expect(rolled.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`).at(-1)).toBe('POST /v1/admin/forms/gym-a/config/rollback');
    expect(JSON.parse(rolled.calls.at(-1)!.body!)).toEqual({ version: 1, baseVersion: 2 });
    expect(rolled.stdout).toBe('gym-a: published version 3 (was 2)\n');
    const typo = await run(['forms', 'rollback', 'gym-a', 'v1']);
    expect([typo.code, typo.calls]).toEqual([1, []]);
  });

  it('refuses wrong usage without calling the Worker', async () => {
    for (const [argv, message] of [
      [['forms', 'delete', 'a'], 'forms needs one of: list, show, publish, history, rollback, import, export'],
      [['forms', 'publish', 'a'], 'forms publish is missing <file>'],
      [['forms', 'list', '--note', 'x'], '--note only applies to forms publish'],
      [['forms', 'export', '--base', '1'], '--base only applies to forms publish'],
      [['forms', 'publish', 'a', 'f.json', '--base', 'two'], '--base "two" must be a version number'],
    ] as const) {
      const result = await run([...argv]);
      expect([result.code, result.calls]).toEqual([1, []]);
      expect(result.stderr).toContain(message);
    }
  });
});
