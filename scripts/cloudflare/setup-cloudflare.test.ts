import { describe, expect, it } from 'vitest';
import { fakeWrangler } from './fake-wrangler';
import { type SetupOptions, setupCloudflare } from './setup-cloudflare';
import { cityGymForm, testWorkspace } from './test-workspace';

const ADMIN_TOKEN = 'a'.repeat(64);
const CI_ENV = { CITY_GYM_API_KEY: 'pg-live-key', LEADGATE_ADMIN_TOKEN: ADMIN_TOKEN };

function run(fake: ReturnType<typeof fakeWrangler>, ws: ReturnType<typeof testWorkspace>, options: Partial<SetupOptions> = {}) {
  const said: string[] = [];
  fake.state.configPath = ws.configPath;
  const result = setupCloudflare({
    wrangler: fake.wrangler,
    configPath: ws.configPath,
    formsPath: ws.formsPath,
    env: CI_ENV,
    generate: true,
    say: (line) => said.push(line),
    ...options,
  });
  return result.then((r) => ({ ...r, said }));
}

/** Setup refused: nothing in the account or the config changed. */
async function expectRefusedUnchanged(
  fake: ReturnType<typeof fakeWrangler>,
  ws: ReturnType<typeof testWorkspace>,
  options: Partial<SetupOptions>,
  message: RegExp,
) {
  const before = ws.configText();
  const result = await run(fake, ws, options);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.problems.join('\n')).toMatch(message);
  expect(fake.state.changes).toEqual([]);
  expect(ws.configText()).toBe(before);
}

describe('npm run setup:cloudflare', () => {
  it('creates the KV namespace, D1 database and queues, writes their ids into the production section only, migrates and sets every secret', async () => {
    const fake = fakeWrangler();
    const ws = testWorkspace();
    const result = await run(fake, ws);
    expect(result.ok).toBe(true);
    expect(fake.state.changes).toEqual([
      'kv create leadgate-rules-cache',
      'd1 create leadgate',
      'queue create leadgate-deliveries',
      'queue create leadgate-dead-letters',
      'd1 migrate leadgate',
      ...['CITY_GYM_API_KEY', 'LEADGATE_ADMIN_TOKEN', 'LEADGATE_DATA_KEYS', 'LEADGATE_FORM_TOKEN_SECRET', 'LEADGATE_HASH_KEY', 'LEADGATE_OUTBOX_KEYS'].map(
        (name) => `secret put ${name}`,
      ),
    ]);
    const [account] = fake.state.accounts;
    const production = ws.wranglerConfig();
    expect(production.kv_namespaces[0]!.id).toBe(account!.kv[0]!.id);
    expect(production.d1_databases[0]!.database_id).toBe(account!.d1[0]!.id);
    // The tests' environment keeps its local placeholders; the comments stay.
    expect(ws.wranglerConfig('test').kv_namespaces[0]!.id).toBe('00000000000000000000000000000001');
    expect(ws.configText()).toContain('# Vendor form rules (e.g. PerfectGym');
    // Given values as given, generated keys of 32 random bytes; no value is ever said.
    expect(account!.secrets!.get('LEADGATE_ADMIN_TOKEN')).toBe(ADMIN_TOKEN);
    expect(Buffer.from(account!.secrets!.get('LEADGATE_FORM_TOKEN_SECRET')!, 'hex')).toHaveLength(32);
    expect(Buffer.from(account!.secrets!.get('LEADGATE_DATA_KEYS')!.split(':')[1]!, 'base64')).toHaveLength(32);
    for (const value of account!.secrets!.values()) expect(result.said.join('\n')).not.toContain(value);
  });

  it('changes nothing on a second run and says so', async () => {
    const fake = fakeWrangler();
    const ws = testWorkspace();
    await run(fake, ws);
    const config = ws.configText();
    const changes = fake.state.changes.length;
    const again = await run(fake, ws);
    expect(again).toMatchObject({ ok: true, changes: [] });
    expect(again.said).toEqual([expect.stringMatching(/^nothing to do: /)]);
    expect(fake.state.changes).toHaveLength(changes);
    expect(ws.configText()).toBe(config);
  });

  it('finds resources that already exist by name and applies only the migrations they lack', async () => {
    const fake = fakeWrangler({
      accounts: [
        {
          kv: [{ id: 'kv-existing', name: 'leadgate-rules-cache' }],
          d1: [{ id: 'd1-existing', name: 'leadgate' }],
          applied: new Map([['leadgate', ['0001_first.sql']]]),
        },
      ],
    });
    const ws = testWorkspace();
    const result = await run(fake, ws);
    expect(result.ok).toBe(true);
    expect(fake.state.changes.filter((c) => !c.startsWith('secret'))).toEqual([
      'queue create leadgate-deliveries',
      'queue create leadgate-dead-letters',
      'd1 migrate leadgate',
    ]);
    expect(result.said).toContain('applied 1 D1 migration(s) to "leadgate": 0002_second.sql');
    expect(ws.wranglerConfig().kv_namespaces[0]!.id).toBe('kv-existing');
    expect(ws.wranglerConfig().d1_databases[0]!.database_id).toBe('d1-existing');
  });

  it('serves the Worker on the custom domain given, as wrangler reads it, and a second run keeps it', async () => {
    const fake = fakeWrangler();
    const ws = testWorkspace();
    await run(fake, ws, { domain: 'forms.citygym.example' });
    expect(ws.wranglerConfig().routes).toEqual([{ pattern: 'forms.citygym.example', custom_domain: true }]);
    expect(ws.wranglerConfig('test').routes).toEqual([]);
    const again = await run(fake, ws, { domain: 'forms.citygym.example' });
    expect(again.said).toEqual([expect.stringMatching(/^nothing to do: /)]);
  });

  it('asks in a terminal for each missing secret, an empty answer generating a key', async () => {
    const fake = fakeWrangler({ accounts: [{ secrets: new Map([['CITY_GYM_API_KEY', 'set before']]) }] });
    const ws = testWorkspace();
    const asked: string[] = [];
    const ask = async (question: string) => {
      asked.push(question);
      return question.startsWith('LEADGATE_ADMIN_TOKEN') ? ADMIN_TOKEN : '';
    };
    const result = await run(fake, ws, { env: {}, generate: false, ask });
    expect(result.ok).toBe(true);
    expect(asked.map((q) => q.split(' ')[0]!.replace(':', ''))).toEqual([
      'LEADGATE_ADMIN_TOKEN',
      'LEADGATE_DATA_KEYS',
      'LEADGATE_FORM_TOKEN_SECRET',
      'LEADGATE_HASH_KEY',
      'LEADGATE_OUTBOX_KEYS',
    ]);
    expect(fake.state.accounts[0]!.secrets!.get('CITY_GYM_API_KEY')).toBe('set before');
    expect(Buffer.from(fake.state.accounts[0]!.secrets!.get('LEADGATE_HASH_KEY')!, 'hex')).toHaveLength(32);
  });

  it('stops before any change when a secret has no value outside a terminal, naming it and --generate', async () => {
    await expectRefusedUnchanged(
      fakeWrangler(),
      testWorkspace(),
      { env: { LEADGATE_ADMIN_TOKEN: ADMIN_TOKEN }, generate: false },
      /lacks CITY_GYM_API_KEY, LEADGATE_DATA_KEYS.*environment variables.*--generate makes LEADGATE_DATA_KEYS/,
    );
  });

  it('refuses a form-token key shorter than 32 bytes before any change', async () => {
    await expectRefusedUnchanged(
      fakeWrangler(),
      testWorkspace(),
      { env: { ...CI_ENV, LEADGATE_FORM_TOKEN_SECRET: 'short-key' } },
      /LEADGATE_FORM_TOKEN_SECRET is 9 bytes, shorter than 32/,
    );
  });

  it('stops when wrangler is not logged in, naming `npx wrangler login`', async () => {
    await expectRefusedUnchanged(fakeWrangler({ loggedIn: false }), testWorkspace(), {}, /not logged in.*run `npx wrangler login`/);
  });

  it('stops on an account the login cannot use, naming the ones it can', async () => {
    const fake = fakeWrangler({ accounts: [{ id: 'agency-account', name: 'Agency' }] });
    await expectRefusedUnchanged(
      fake,
      testWorkspace(),
      { accountId: 'gym-account' },
      /account gym-account is not one this login can use \(it can use: Agency \(agency-account\)\): fix --account-id/,
    );
  });

  it('asks which account when the login has several and none is named', async () => {
    const fake = fakeWrangler({ accounts: [{ id: 'a1' }, { id: 'a2' }] });
    await expectRefusedUnchanged(fake, testWorkspace(), {}, /can use 2 accounts .*--account-id <id> or CLOUDFLARE_ACCOUNT_ID/);
  });

  it('stops when the KV id in wrangler.toml is taken by a resource of another kind', async () => {
    const fake = fakeWrangler({ accounts: [{ d1: [{ id: 'ffffffff-1111-2222-3333-444444444444', name: 'leadgate' }] }] });
    const ws = testWorkspace();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(ws.configPath, ws.configText().replace('id = "00000000000000000000000000000001"', 'id = "ffffffff-1111-2222-3333-444444444444"'));
    await expectRefusedUnchanged(
      fake,
      ws,
      {},
      /RULES_CACHE id is ffffffff-1111-2222-3333-444444444444, the id of D1 database "leadgate", not of a KV namespace/,
    );
  });

  it('stops when a queue of that name is already consumed by another Worker', async () => {
    const fake = fakeWrangler({ accounts: [{ queues: [{ id: 'q1', name: 'leadgate-deliveries', consumers: ['other-app'] }] }] });
    await expectRefusedUnchanged(
      fake,
      testWorkspace(),
      {},
      /queue "leadgate-deliveries" is already consumed by Worker "other-app".*queues consumer remove leadgate-deliveries other-app/,
    );
  });

  it('stops before any change when the forms file does not validate, naming the form and key', async () => {
    const ws = testWorkspace([{ ...cityGymForm(), alowedOrigins: [] }]);
    await expectRefusedUnchanged(
      fakeWrangler(),
      ws,
      {},
      /forms\.json does not validate \(form "city-gym": alowedOrigins: .*did you mean "allowedOrigins"\?.*npm run check:forms/,
    );
  });

  it('refuses a --domain that is not a host name', async () => {
    await expectRefusedUnchanged(
      fakeWrangler(),
      testWorkspace(),
      { domain: 'https://forms.citygym.example/' },
      /--domain https:\/\/forms.citygym.example\/ is not a host name/,
    );
  });
});
