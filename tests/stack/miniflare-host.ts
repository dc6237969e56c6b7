// The Worker in workerd through Miniflare alone, without `wrangler dev`'s proxy and inspector: the process
// tests/stack/miniflare-worker.ts starts (`tsx tests/stack/miniflare-host.ts --port <port> <options JSON>`),
// so its CPU can be read apart from the bench's. Prints one "ready" line when the Worker answers.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

export interface MiniflareHostOptions {
  readonly scriptPath: string;
  readonly persistTo: string;
  readonly env: string;
  /** The Worker's name under workerd; the inspector lists its isolate by it. */
  readonly name: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly inspectorPort?: number;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const portAt = process.argv.indexOf('--port');
const port = Number(process.argv[portAt + 1]);
const options = JSON.parse(process.argv[portAt + 2] ?? '{}') as MiniflareHostOptions;

// wrangler's own translation of wrangler.toml's environment (bindings, .dev.vars secrets, assets, queues,
// Durable Objects), the one `wrangler dev` hands its Miniflare; the script is `wrangler deploy --dry-run`'s bundle.
const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'), options.env);
const miniflare = new Miniflare({
  ...workerOptions,
  name: options.name,
  modules: true,
  scriptPath: options.scriptPath,
  // Module names are paths relative to this; the bundle is in a temporary folder outside the checkout.
  modulesRoot: dirname(options.scriptPath),
  bindings: { ...workerOptions.bindings, ...options.vars },
  host: '127.0.0.1',
  port,
  // wrangler keeps its local state under <persist-to>/v3 (KV, D1, Durable Objects, cache), where
  // `wrangler d1 migrations apply --local --persist-to` wrote the schema.
  defaultPersistRoot: join(options.persistTo, 'v3'),
  // /__scheduled runs the cron handler, as `wrangler dev --test-scheduled` does.
  unsafeTriggerHandlers: true,
  // workerd's own inspector on this port (no proxy in front of it): the bench profiles the Worker through it.
  ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
} as ConstructorParameters<typeof Miniflare>[0]);

const url = await miniflare.ready;
console.log(`ready ${url.href}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void miniflare.dispose().finally(() => process.exit(0));
  });
}
