import type { FormConfig } from '../../shared/form-config';
import { perfectGymNextAdapter } from './perfectgym-next/perfectgym-next-adapter';
import type { VendorAdapter } from './vendor-adapter';
import { brokerTokenSource } from './virtuagym/broker-token-source';
import { virtuagymAdapter } from './virtuagym/virtuagym-adapter';

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
export function createAdapter(form: FormConfig, env: Env): VendorAdapter {
  const secrets = env as unknown as Record<string, unknown>;
  switch (form.vendor) {
    case 'perfectgym-next':
    case 'magicline-open':
      return perfectGymNextAdapter({
        baseUrl: form.connection.baseUrl,
        apiKey: secret(secrets, form.connection.apiKeySecret),
        timeoutMs: form.connection.timeoutMs,
      }) as VendorAdapter;
    case 'virtuagym': {
      const { connection } = form;
      const tokens = brokerTokenSource(env.VIRTUAGYM_TOKENS, {
        tokenUrl: connection.tokenUrl,
        clubId: connection.clubId,
        clientId: secret(secrets, connection.clientIdSecret),
        clientSecret: secret(secrets, connection.clientSecretSecret),
        timeoutMs: connection.timeoutMs,
      });
      return virtuagymAdapter({ apiBaseUrl: connection.apiBaseUrl, clubId: connection.clubId, defaults: form.defaults, tokens, timeoutMs: connection.timeoutMs }) as VendorAdapter;
    }
  }
}

/** A cache key for a form's vendor rules: one entry per vendor connection, never per secret. */
export function rulesKey(form: FormConfig): string {
  const where = 'baseUrl' in form.connection ? form.connection.baseUrl : `${form.connection.apiBaseUrl}/clubs/${form.connection.clubId}`;
  return `rules:v1:${form.vendor}:${where}`;
}
