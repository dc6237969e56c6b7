import type { FormConfig } from '../../shared/form-config';
import { log } from '../logger';
import { intercodeCrmAdapter } from './intercode-crm/intercode-crm-adapter';
import { magiclineConnectAdapter } from './magicline-connect/magicline-connect-adapter';
import { perfectGymClassicAdapter } from './perfectgym-classic/perfectgym-classic-adapter';
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
        attribution: form.attribution,
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
      return virtuagymAdapter({
        apiBaseUrl: connection.apiBaseUrl,
        clubId: connection.clubId,
        defaults: form.defaults,
        tokens,
        timeoutMs: connection.timeoutMs,
        attribution: form.attribution,
      }) as VendorAdapter;
    }
    case 'magicline-connect':
      return magiclineConnectAdapter(form.connection, form.attribution) as VendorAdapter;
    case 'intercode-crm': {
      const { statusName, ...defaults } = form.defaults;
      return intercodeCrmAdapter({
        baseUrl: form.connection.baseUrl,
        token: secret(secrets, form.connection.tokenSecret),
        statusName,
        defaults,
        messageIn: form.message,
        timeoutMs: form.connection.timeoutMs,
        attribution: form.attribution,
        onCommentFailed: (reason) => log('warn', 'crm_comment_failed', undefined, { formId: form.id, reason }),
      }) as VendorAdapter;
    }
    case 'perfectgym-classic': {
      const { connection } = form;
      return perfectGymClassicAdapter({
        baseUrl: connection.baseUrl,
        clubId: connection.clubId,
        clientId: secret(secrets, connection.clientIdSecret),
        clientSecret: secret(secrets, connection.clientSecretSecret),
        defaults: form.defaults,
        agreements: form.agreements,
        timeoutMs: connection.timeoutMs,
      }) as VendorAdapter;
    }
  }
}

/** A cache key for a form's vendor rules: one entry per vendor connection, never per secret. */
export function rulesKey(form: FormConfig): string {
  switch (form.vendor) {
    case 'virtuagym':
      return `rules:v1:${form.vendor}:${form.connection.apiBaseUrl}/clubs/${form.connection.clubId}`;
    case 'magicline-connect': {
      // Two forms of one tenant with other studios must not share an entry.
      const { baseUrl, studioIds, studioTags } = form.connection;
      return `rules:v1:${form.vendor}:${baseUrl}|${studioIds?.join(',') ?? '*'}|${studioTags?.join(',') ?? '*'}`;
    }
    default:
      return `rules:v1:${form.vendor}:${form.connection.baseUrl}`;
  }
}

/** PerfectGym Next and Magicline's Open API: "The default rate limit is 1000 requests per minute" per endpoint. */
const OPEN_API_RATE_LIMIT_PER_MINUTE = 1000;

/**
 * The request budget deliveries on this form's vendor connection share, and
 * the key of its pacer; undefined for a vendor that documents no limit and a
 * connection that sets none.
 */
export function pacingOf(form: FormConfig): { readonly key: string; readonly perMinute: number } | undefined {
  const key = rulesKey(form).replace(/^rules:v1:/, 'pace:');
  const configured = form.connection.rateLimitPerMinute;
  if (form.vendor === 'perfectgym-next' || form.vendor === 'magicline-open') {
    return { key, perMinute: configured ?? OPEN_API_RATE_LIMIT_PER_MINUTE };
  }
  return configured === undefined ? undefined : { key, perMinute: configured };
}
