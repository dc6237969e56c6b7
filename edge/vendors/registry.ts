import type { FormConfig } from '../../shared/form-config';
import type { VendorAdapter } from './vendor-adapter';
import { perfectGymNextAdapter } from './perfectgym-next/perfectgym-next-adapter';

/** A secret the form names is missing from the Worker's environment. */
export class MissingSecretError extends Error {
  override name = 'MissingSecretError';
  constructor(readonly secretName: string) {
    super(`Worker secret ${secretName} is not set`);
  }
}

function secret(env: Record<string, unknown>, name: string): string {
  const value = env[name];
  if (typeof value !== 'string' || value === '') throw new MissingSecretError(name);
  return value;
}

/** Maps a form's config and the Worker's secrets to its vendor adapter's options. */
export function createAdapter(form: FormConfig, env: object): VendorAdapter {
  const secrets = env as Record<string, unknown>;
  switch (form.vendor) {
    case 'perfectgym-next':
    case 'magicline-open':
      return perfectGymNextAdapter({
        baseUrl: form.connection.baseUrl,
        apiKey: secret(secrets, form.connection.apiKeySecret),
        timeoutMs: form.connection.timeoutMs,
      }) as VendorAdapter;
  }
}

/** A cache key for a form's vendor rules: one entry per vendor connection, never per secret. */
export function rulesKey(form: FormConfig): string {
  return `rules:v1:${form.vendor}:${form.connection.baseUrl}`;
}
