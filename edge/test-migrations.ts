// The D1 schema from edge/migrations, as `wrangler d1 migrations apply` sets it
// up for `npm start`. Runs before each worker test file, and after every reset().
import { applyD1Migrations, type D1Migration, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { forgetPublishedForms } from './forms/published-forms';

export async function applyMigrations(): Promise<void> {
  await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS);
}

/** Every binding emptied (KV, D1, Durable Objects), the schema back in place, and no published form remembered. */
export async function resetBindings(): Promise<void> {
  await reset();
  await applyMigrations();
  forgetPublishedForms();
}

await applyMigrations();
