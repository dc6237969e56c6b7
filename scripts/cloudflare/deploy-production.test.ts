import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DeployOptions, deployProduction } from './deploy-production';
import { fakeWrangler } from './fake-wrangler';
import { releaseTag } from './release-tag';
import { setupCloudflare } from './setup-cloudflare';
import { cityGymForm, testWorkspace } from './test-workspace';

const CI_ENV = { CITY_GYM_API_KEY: 'pg-live-key', LEADGATE_ADMIN_TOKEN: 'a'.repeat(64) };

/** An account and config as `npm run setup:cloudflare` leaves them. */
async function setUp(forms?: readonly unknown[]) {
  const fake = fakeWrangler();
  const ws = testWorkspace(forms);
  fake.state.configPath = ws.configPath;
  const setup = await setupCloudflare({
    wrangler: fake.wrangler,
    configPath: ws.configPath,
    formsPath: ws.formsPath,
    env: CI_ENV,
    generate: true,
    say: () => {},
  });
  expect(setup.ok).toBe(true);
  fake.state.changes.length = 0;
  return { fake, ws };
}

function deploy({ fake, ws }: Awaited<ReturnType<typeof setUp>>, options: Partial<DeployOptions> = {}) {
  return deployProduction({
    wrangler: fake.wrangler,
    configPath: ws.configPath,
    formsPath: ws.formsPath,
    env: {},
    tag: releaseTag(dirname(ws.configPath)),
    say: () => {},
    ...options,
  });
}

/** Refused with exactly these lines, each naming its fix, and nothing deployed. */
async function expectRefused(world: Awaited<ReturnType<typeof setUp>>, options: Partial<DeployOptions>, ...lines: RegExp[]) {
  const result = await deploy(world, options);
  const refusals = result.outcome === 'refused' ? result.refusals : [];
  expect(refusals).toEqual(lines.map((line) => expect.stringMatching(line)));
  for (const refusal of refusals) expect(refusal).not.toContain('\n');
  expect(world.fake.state.changes).toEqual([]);
}

describe('npm run deploy', () => {
  it('deploys once setup has run, tagged with its content', async () => {
    const world = await setUp();
    expect(await deploy(world)).toEqual({ outcome: 'deployed' });
    expect(world.fake.state.accounts[0]!.deploys).toEqual([releaseTag(dirname(world.ws.configPath))]);
  });

  it('deploys a Worker whose forms all live in D1 (the empty forms.json ensure.mjs writes): only its own secrets are needed', async () => {
    const world = await setUp([]);
    expect(await deploy(world)).toEqual({ outcome: 'deployed' });
  });

  it('changes nothing on a second run with the same files and says so, and deploys again once a file changed', async () => {
    const world = await setUp();
    await deploy(world);
    const said: string[] = [];
    expect(await deploy(world, { say: (line) => said.push(line) })).toEqual({ outcome: 'unchanged' });
    expect(said).toEqual([expect.stringMatching(/^nothing to do: the production Worker already serves leadgate-[0-9a-f]{16}/)]);
    world.ws.writeForms([{ ...cityGymForm(), defaultLocale: 'de' }]);
    expect(await deploy(world)).toEqual({ outcome: 'deployed' });
    expect(world.fake.state.accounts[0]!.deploys).toHaveLength(2);
    expect(new Set(world.fake.state.accounts[0]!.deploys).size).toBe(2);
  });

  it('refuses while wrangler.toml holds the placeholder ids', async () => {
    const world = await setUp();
    writeFileSync(world.ws.configPath, world.ws.configText().replace(/(\nid = ")[^"]+/, '$100000000000000000000000000000001'));
    await expectRefused(world, {}, /KV namespace RULES_CACHE still has the placeholder id 00000000000000000000000000000001: run `npm run setup:cloudflare`/);
  });

  it('refuses while a production form names a secret the Worker lacks', async () => {
    const world = await setUp();
    world.ws.writeForms([cityGymForm(), { ...cityGymForm({ apiKeySecret: 'EAST_GYM_API_KEY' }), id: 'east-gym' }]);
    await expectRefused(
      world,
      {},
      /^a production form names EAST_GYM_API_KEY, but the Worker has no such secret: run `npm run setup:cloudflare` \(or `npx wrangler secret put EAST_GYM_API_KEY`\)$/,
    );
  });

  it('refuses a production form that points at http://', async () => {
    const world = await setUp();
    world.ws.writeForms([cityGymForm({ baseUrl: 'http://citygym.perfectgym.com/api/v1' })]);
    await expectRefused(
      world,
      {},
      /form "city-gym": connection.baseUrl: http:\/\/citygym.perfectgym.com\/api\/v1 is plain http:\/\/.*public https:\/\/ address/,
    );
  });

  it.each(['https://127.0.0.1:8791/demo-gym/v1', 'https://10.1.2.3/api/v1', 'https://192.168.0.10/api/v1', 'https://[::1]/api/v1', 'https://localhost/api/v1'])(
    'refuses a production form that points at the private or loopback address %s',
    async (url) => {
      const world = await setUp();
      world.ws.writeForms([cityGymForm({ baseUrl: url })]);
      await expectRefused(world, {}, /connection.baseUrl: .* is a private or loopback address/);
    },
  );

  it('refuses a form-token key shorter than 32 bytes where it can see it', async () => {
    const world = await setUp();
    await expectRefused(
      world,
      { env: { LEADGATE_FORM_TOKEN_SECRET: 'x'.repeat(31) } },
      /LEADGATE_FORM_TOKEN_SECRET is 31 bytes, shorter than 32: set 32 random bytes/,
    );
  });

  it('refuses when wrangler is not logged in', async () => {
    const world = await setUp();
    world.fake.state.loggedIn = false;
    await expectRefused(world, {}, /not logged in to Cloudflare: run `npx wrangler login`/);
  });

  it('refuses an account that does not hold the configured KV namespace and database', async () => {
    const world = await setUp();
    world.fake.state.accounts.push({ id: 'other', name: 'Other', kv: [], d1: [], queues: [], applied: new Map(), secrets: undefined, deploys: [] });
    const missing = 'the Worker has no such secret';
    const result = await deploy(world, { accountId: 'other' });
    const refusals = result.outcome === 'refused' ? result.refusals : [];
    expect(refusals.slice(0, 2)).toEqual([
      expect.stringMatching(/KV namespace id \w+ is not in account Other: deploy to the account that holds it \(--account-id\)/),
      expect.stringMatching(/D1 database id [\w-]+ is not in account Other/),
    ]);
    expect(refusals.slice(2).every((line) => line.includes(missing))).toBe(true);
  });

  it('refuses a forms file that does not validate, naming the form and key', async () => {
    const world = await setUp();
    world.ws.writeForms([{ ...cityGymForm(), vendor: 'perfectgym-nxt' }]);
    const result = await deploy(world);
    expect(result.outcome === 'refused' && result.refusals[0]).toMatch(/forms\.json does not validate \(form "city-gym": vendor: .*\); fix it/);
    expect(world.fake.state.changes).toEqual([]);
  });
});
