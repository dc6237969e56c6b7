import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { runAdmin } from '../../scripts/admin';
import { readDevVars } from '../../scripts/dev-vars';
import testForms from '../test-forms.json';
import { postDemoLead } from './post-demo-lead';
import { simulatorClient } from './simulator-client';

const worker = inject('workerUrl');
const sim = simulatorClient(inject('simulators')['perfectgym-next']);

/** `npm run admin -- ...` against the suite's running Worker, its output captured. */
async function admin(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin([...argv, '--url', worker], {
    fetch,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readDevVars,
  });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  await sim.reset();
});

describe('npm run admin against the running Worker', () => {
  it('lists a held lead without personal data, shows it, and replays it into a delivered lead', async () => {
    const key = `cli-${Date.now()}`;
    const email = `ida.${Date.now()}@example.com`;
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'fail', status: 503, count: 1 });
    // A refusal that names no field: the vendor's setup, the operator's to fix.
    await sim.fault({ tenant: 'demo-gym', endpoint: 'validate', mode: 'fail', status: 400, count: 1 });
    expect((await postDemoLead(worker, email, key)).status).toBe(202);

    await expect.poll(async () => (await admin('list', 'demo-perfectgym', '--status', 'held')).stdout, { timeout: 20_000 }).toContain(key);
    const list = await admin('list', 'demo-perfectgym', '--status', 'held');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('MALFORMED_REQUEST');
    expect(list.stdout).not.toContain(email);

    const shown = await admin('show', 'demo-perfectgym', key);
    expect([shown.code, shown.stdout]).toEqual([0, expect.stringContaining(email)]);

    expect((await admin('replay', 'demo-perfectgym', key)).code).toBe(0);
    await expect.poll(async () => (await admin('show', 'demo-perfectgym', key, '--json')).stdout, { timeout: 20_000 }).toContain('"status": "delivered"');
    expect((await sim.leads('demo-gym')).length).toBe(1);
  });

  it('creates a scoped token that reads its own forms only, lists it without the secret, and revokes it', async () => {
    const created = await admin('tokens', 'create', '--forms', 'demo-perfectgym', '--label', 'cli-test', '--json');
    expect(created.code).toBe(0);
    const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
    const as = (path: string) => fetch(`${worker}/v1/admin${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await as('/forms/demo-perfectgym/stats')).status).toBe(200);
    expect((await as('/forms/demo-crm/stats')).status).toBe(404);

    const list = await admin('tokens', 'list');
    expect([list.code, list.stdout]).toEqual([0, expect.stringContaining(`${id}  demo-perfectgym  cli-test`)]);
    expect(list.stdout).not.toContain(token);

    expect((await admin('tokens', 'revoke', id)).code).toBe(0);
    expect((await as('/forms/demo-perfectgym/stats')).status).toBe(401);
  });

  it("exports one person's data, erases it, and lists both in the audit log without the address", async () => {
    const key = `cli-gdpr-${Date.now()}`;
    const email = `lena.${Date.now()}@example.com`;
    expect((await postDemoLead(worker, email, key)).status).toBe(201);

    const exported = await admin('export', 'demo-perfectgym', '--email', email);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ formId: 'demo-perfectgym', submissions: [{ id: key, lead: { email } }] });

    const erased = await admin('erase', 'demo-perfectgym', '--email', email);
    expect([erased.code, erased.stdout]).toEqual([0, `Erased 1 submission of form demo-perfectgym:\n  ${key}\n`]);
    expect(JSON.parse((await admin('export', 'demo-perfectgym', '--email', email)).stdout).submissions).toEqual([]);
    expect((await admin('show', 'demo-perfectgym', key)).code).toBe(1);

    const audit = await admin('audit');
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/admin {2}erase {2}demo-perfectgym {2}subject:[0-9a-f]{64} {2}1\n/);
    expect(audit.stdout).toMatch(/admin {2}export {2}demo-perfectgym {2}subject:[0-9a-f]{64} {2}1\n/);
    expect(audit.stdout).not.toContain(email);

    const usage = await admin('erase', 'demo-perfectgym', '--email', email, '--submission', key);
    expect([usage.code, usage.stderr]).toEqual([1, expect.stringContaining('exactly one of --email')]);
  });

  it('imports a forms file (nothing while one form fails), publishes, lists the history, rolls back and exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-forms-'));
    const id = 'test-cli-import';
    const { alerts: _, ...base } = { ...testForms.forms.find((form) => form.id === 'test-alerts')!, id };
    const write = (name: string, body: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(body, null, 2));
      return path;
    };
    const refused = await admin('forms', 'import', write('bad.json', { forms: [base, { ...base, id: 'test-cli-import-bad', colour: 'red' }] }));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('form "test-cli-import-bad" colour: is not a key here');
    expect((await admin('forms', 'show', id)).stderr).toContain('FORM_NOT_FOUND');

    const file = write('forms.json', { forms: [base] });
    const imported = await admin('forms', 'import', file);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(imported.stdout).toMatch(new RegExp(`^${id}: published version (\\d+) \\((new|was \\d+)\\)\n$`));
    const first = Number(/version (\d+)/.exec(imported.stdout)![1]);
    expect((await admin('forms', 'import', file)).stdout).toBe(`${id}: unchanged, version ${first}\n`);

    const published = await admin('forms', 'publish', id, write('one.json', { ...base, defaultLocale: 'de' }), '--note', 'German first');
    expect(published.stdout).toBe(`${id}: published version ${first + 1} (was ${first})\n`);
    expect((await admin('forms', 'show', id)).stdout).toContain('"defaultLocale": "de"');
    const stale = await admin('forms', 'publish', id, write('two.json', base), '--base', String(first));
    expect([stale.code, stale.stderr]).toEqual([1, expect.stringContaining(`the form is at version ${first + 1}`)]);

    const history = await admin('forms', 'history', id);
    expect(history.stdout).toMatch(new RegExp(`${first + 1} +publish .* German first`));
    expect(history.stdout).toMatch(new RegExp(`${first} +import `));
    expect((await admin('forms', 'rollback', id, String(first))).stdout).toBe(`${id}: published version ${first + 2} (was ${first + 1})\n`);
    expect((await admin('forms', 'show', id)).stdout).toContain('"defaultLocale": "en"');

    const out = join(dir, 'exported.json');
    expect((await admin('forms', 'export', '--out', out)).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { forms: { id: string; defaultLocale?: string }[] };
    expect(exported.forms.find((form) => form.id === id)).toEqual(base);
    expect(exported.forms.map((form) => form.id)).toContain('demo-perfectgym');
  });

  it('names the problem and exits 1 for a wrong token', async () => {
    let stderr = '';
    const code = await runAdmin(['stats', 'demo-perfectgym', '--url', worker], {
      fetch,
      env: { LEADGATE_ADMIN_TOKEN: 'not-the-token-at-all' },
      stdout: { write: () => undefined },
      stderr: { write: (text: string) => (stderr += text) },
      readDevVars,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('ADMIN_UNAUTHORIZED');
  });
});
