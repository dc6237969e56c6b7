import { execFile, spawn } from 'node:child_process';

/** A Cloudflare account the login can act on. */
export interface CloudflareAccount {
  readonly id: string;
  readonly name: string;
}

/** Who wrangler is logged in as: the accounts it can act on, or nobody. */
export type WranglerIdentity = { readonly loggedIn: false } | { readonly loggedIn: true; readonly accounts: readonly CloudflareAccount[] };

/** A KV namespace or a D1 database: its id and the name (title) it is found by. */
export interface NamedResource {
  readonly id: string;
  readonly name: string;
}

/** A queue, and the Workers that consume it (a queue takes one consumer). */
export interface QueueResource extends NamedResource {
  readonly consumers: readonly string[];
}

/**
 * The wrangler commands `npm run setup:cloudflare` and `npm run deploy` use, one method each, so the
 * tests run both commands against an in-memory account (`fake-wrangler.ts`) and nothing else knows
 * how wrangler prints. Every call but `whoami` acts on the account given.
 */
export interface Wrangler {
  whoami(): Promise<WranglerIdentity>;
  listKvNamespaces(accountId: string): Promise<readonly NamedResource[]>;
  createKvNamespace(accountId: string, title: string): Promise<NamedResource>;
  listD1Databases(accountId: string): Promise<readonly NamedResource[]>;
  createD1Database(accountId: string, name: string): Promise<NamedResource>;
  /** The migrations of the production database not yet applied remotely, by file name. */
  pendingD1Migrations(accountId: string, database: string): Promise<readonly string[]>;
  applyD1Migrations(accountId: string, database: string): Promise<void>;
  /** The queue of that name; undefined when there is none. */
  findQueue(accountId: string, name: string): Promise<QueueResource | undefined>;
  createQueue(accountId: string, name: string): Promise<void>;
  /** The names of the production Worker's secrets; none while the Worker does not exist yet. */
  listSecrets(accountId: string): Promise<readonly string[]>;
  /** Sets a production Worker secret (creating the Worker's first, empty version when there is none). */
  putSecret(accountId: string, name: string, value: string): Promise<void>;
  /** The tag of the version the production Worker serves now; undefined before its first deploy or for an untagged one. */
  deployedTag(accountId: string): Promise<string | undefined>;
  /** Uploads and deploys the production Worker as a version tagged `tag`. */
  deploy(accountId: string, tag: string): Promise<void>;
}

/** wrangler failed: its own words, which name the cause (network, permission, a name taken). */
export class WranglerError extends Error {
  override name = 'WranglerError';
}

interface RealWranglerOptions {
  /** The directory holding wrangler.toml. */
  readonly cwd: string;
  /** The wrangler config file, relative to cwd. */
  readonly config: string;
}

/** Runs `npx wrangler ...` against the production (top-level) section of the config. */
export function realWrangler({ cwd, config }: RealWranglerOptions): Wrangler {
  const run = (accountId: string | undefined, args: readonly string[], input?: string) =>
    new Promise<string>((resolve, reject) => {
      const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', ...(accountId ? { CLOUDFLARE_ACCOUNT_ID: accountId } : {}) };
      const child = execFile('npx', ['wrangler', ...args, '--config', config], { cwd, env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        if (error) reject(new WranglerError(`wrangler ${args.slice(0, 3).join(' ')} failed: ${(stderr || stdout || error.message).trim()}`));
        else resolve(stdout);
      });
      child.stdin?.end(input ?? '');
    });
  const json = (text: string): unknown => JSON.parse(text.slice(Math.min(...['[', '{'].map((c) => text.indexOf(c)).filter((i) => i >= 0))));
  const resources = (list: unknown, id: string, name: string): NamedResource[] =>
    (list as Record<string, string>[]).map((item) => ({ id: String(item[id]), name: String(item[name]) }));

  const wrangler: Wrangler = {
    async whoami() {
      try {
        const me = json(await run(undefined, ['whoami', '--json'])) as { loggedIn?: boolean; accounts?: CloudflareAccount[] };
        return me.loggedIn ? { loggedIn: true, accounts: (me.accounts ?? []).map(({ id, name }) => ({ id, name })) } : { loggedIn: false };
      } catch (error) {
        // `whoami --json` exits non-zero with {"loggedIn": false} when there is no login.
        if (error instanceof WranglerError && /"loggedIn":\s*false|Not logged in|not authenticated/i.test(error.message)) return { loggedIn: false };
        throw error;
      }
    },
    listKvNamespaces: async (accountId) => resources(json(await run(accountId, ['kv', 'namespace', 'list'])), 'id', 'title'),
    async createKvNamespace(accountId, title) {
      await run(accountId, ['kv', 'namespace', 'create', title]);
      const created = (await wrangler.listKvNamespaces(accountId)).find((ns) => ns.name === title);
      if (!created) throw new WranglerError(`wrangler kv namespace create ${title} reported no error, but the namespace is not listed`);
      return created;
    },
    listD1Databases: async (accountId) => resources(json(await run(accountId, ['d1', 'list', '--json'])), 'uuid', 'name'),
    async createD1Database(accountId, name) {
      await run(accountId, ['d1', 'create', name]);
      const created = (await wrangler.listD1Databases(accountId)).find((db) => db.name === name);
      if (!created) throw new WranglerError(`wrangler d1 create ${name} reported no error, but the database is not listed`);
      return created;
    },
    pendingD1Migrations: async (accountId, database) =>
      (await run(accountId, ['d1', 'migrations', 'list', database, '--remote'])).match(/\b\d{4}_[\w.-]+\.sql\b/g) ?? [],
    async applyD1Migrations(accountId, database) {
      await run(accountId, ['d1', 'migrations', 'apply', database, '--remote']);
    },
    async findQueue(accountId, name) {
      let info: string;
      try {
        info = await run(accountId, ['queues', 'info', name]);
      } catch (error) {
        if (error instanceof WranglerError && /does not exist/.test(error.message)) return undefined;
        throw error;
      }
      const id = /^Queue ID: (\S+)/m.exec(info)?.[1] ?? '';
      // "Consumers: worker:leadgate" (wrangler has no --json for queues).
      const consumers = [...(/^Consumers: (.*)$/m.exec(info)?.[1]?.matchAll(/worker:([\w-]+)/g) ?? [])].map((m) => m[1]!);
      return { id, name, consumers };
    },
    async createQueue(accountId, name) {
      await run(accountId, ['queues', 'create', name]);
    },
    async listSecrets(accountId) {
      try {
        return (json(await run(accountId, ['secret', 'list', '--format', 'json'])) as { name: string }[]).map((s) => s.name);
      } catch (error) {
        // Before the first deploy there is no Worker, so no secret yet (API error 10007).
        if (error instanceof WranglerError && /10007|does not exist|not found/i.test(error.message)) return [];
        throw error;
      }
    },
    async putSecret(accountId, name, value) {
      // The value goes through stdin, never an argument a process list shows.
      await run(accountId, ['secret', 'put', name], value);
    },
    async deployedTag(accountId) {
      let status: { versions?: { version_id: string; percentage: number }[] };
      try {
        status = json(await run(accountId, ['deployments', 'status', '--json'])) as typeof status;
      } catch (error) {
        // No Worker yet, or no deployment of it.
        if (error instanceof WranglerError && /has no deployments|10007|does not exist|not found/i.test(error.message)) return undefined;
        throw error;
      }
      const serving = [...(status.versions ?? [])].sort((a, b) => b.percentage - a.percentage)[0];
      if (serving?.percentage !== 100) return undefined;
      const version = json(await run(accountId, ['versions', 'view', serving.version_id, '--json'])) as { annotations?: Record<string, string> };
      return version.annotations?.['workers/tag'];
    },
    deploy: (accountId, tag) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('npx', ['wrangler', 'deploy', '--config', config, '--tag', tag], {
          cwd,
          stdio: 'inherit',
          env: { ...process.env, CLOUDFLARE_ACCOUNT_ID: accountId },
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new WranglerError(`wrangler deploy exited with ${code}`))));
      }),
  };
  return wrangler;
}
