// Test fixture: an in-memory Cloudflare behind the same interface as `realWrangler`.
import { readFileSync } from 'node:fs';
import { readProductionConfig } from './production-config';
import type { CloudflareAccount, NamedResource, QueueResource, Wrangler } from './wrangler-cli';

/** One account's resources as the fake holds them. */
export interface FakeAccount extends CloudflareAccount {
  kv: NamedResource[];
  d1: NamedResource[];
  queues: QueueResource[];
  /** Remote migrations applied, per database name. */
  applied: Map<string, string[]>;
  /** The production Worker's secrets; undefined while the Worker does not exist. */
  secrets: Map<string, string> | undefined;
  /** The tag of every deploy, the last one serving. */
  deploys: string[];
}

export interface FakeWranglerOptions {
  readonly loggedIn?: boolean;
  readonly accounts?: readonly Partial<FakeAccount>[];
  /** The migration files every database has, in order. */
  readonly migrations?: readonly string[];
  /** The wrangler.toml the commands edit: as real wrangler, `d1 migrations` reaches the database by the id it names. */
  readonly configPath?: string;
}

/** Every call that would change the account, in order: the tests assert what ran and what did not. */
export type FakeChange = `${'kv create' | 'd1 create' | 'd1 migrate' | 'queue create' | 'secret put' | 'deploy'} ${string}`;

let serial = 0;
const newId = (dashes: boolean) => {
  const hex = (++serial).toString(16).padStart(32, 'a');
  return dashes ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : hex;
};

export function fakeWrangler(options: FakeWranglerOptions = {}) {
  const accounts: FakeAccount[] = (options.accounts ?? [{}]).map((a, i) => ({
    id: a.id ?? `acc${i + 1}`.padEnd(32, '0'),
    name: a.name ?? `Account ${i + 1}`,
    kv: a.kv ?? [],
    d1: a.d1 ?? [],
    queues: a.queues ?? [],
    applied: a.applied ?? new Map(),
    secrets: a.secrets,
    deploys: [],
  }));
  const migrations = options.migrations ?? ['0001_first.sql', '0002_second.sql'];
  const state = { loggedIn: options.loggedIn ?? true, accounts, changes: [] as FakeChange[], configPath: options.configPath };
  const account = (id: string) => {
    if (!state.loggedIn) throw new Error('Not logged in.');
    const found = accounts.find((a) => a.id === id);
    if (!found) throw new Error(`A request to the Cloudflare API failed: account ${id} is not one of this login's [code: 9109]`);
    return found;
  };

  const configuredDatabase = (id: string, database: string) => {
    if (!state.configPath) return;
    const d1 = readProductionConfig(readFileSync(state.configPath, 'utf8')).d1;
    if (d1?.name !== database || !account(id).d1.some((db) => db.id === d1.id))
      throw new Error(`Couldn't find DB with name '${database}' (wrangler.toml names database_id ${d1?.id}) [code: 7404]`);
  };

  const wrangler: Wrangler = {
    whoami: async () => (state.loggedIn ? { loggedIn: true, accounts: accounts.map(({ id, name }) => ({ id, name })) } : { loggedIn: false }),
    listKvNamespaces: async (id) => [...account(id).kv],
    async createKvNamespace(id, title) {
      const created = { id: newId(false), name: title };
      account(id).kv.push(created);
      state.changes.push(`kv create ${title}`);
      return created;
    },
    listD1Databases: async (id) => [...account(id).d1],
    async createD1Database(id, name) {
      const created = { id: newId(true), name };
      account(id).d1.push(created);
      state.changes.push(`d1 create ${name}`);
      return created;
    },
    async pendingD1Migrations(id, database) {
      configuredDatabase(id, database);
      const applied = account(id).applied.get(database) ?? [];
      return migrations.filter((m) => !applied.includes(m));
    },
    async applyD1Migrations(id, database) {
      configuredDatabase(id, database);
      account(id).applied.set(database, [...migrations]);
      state.changes.push(`d1 migrate ${database}`);
    },
    findQueue: async (id, name) => account(id).queues.find((q) => q.name === name),
    async createQueue(id, name) {
      account(id).queues.push({ id: newId(false), name, consumers: [] });
      state.changes.push(`queue create ${name}`);
    },
    listSecrets: async (id) => [...(account(id).secrets?.keys() ?? [])].sort(),
    async putSecret(id, name, value) {
      const a = account(id);
      a.secrets ??= new Map();
      a.secrets.set(name, value);
      state.changes.push(`secret put ${name}`);
    },
    deployedTag: async (id) => account(id).deploys.at(-1),
    async deploy(id, tag) {
      const a = account(id);
      a.deploys.push(tag);
      a.secrets ??= new Map();
      // The deployed Worker consumes its queues (the fake knows only Leadgate's).
      a.queues = a.queues.map((q) => (q.name.startsWith('leadgate-') ? { ...q, consumers: ['leadgate'] } : q));
      state.changes.push(`deploy ${id}`);
    },
  };
  return { wrangler, state };
}
