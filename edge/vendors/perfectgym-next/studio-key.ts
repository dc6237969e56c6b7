import type { OpenApiConnection } from './perfectgym-next-config';

/** FNV-1a, 64 bits, as 16 hex digits: synchronous, as a descriptor's `connectionKey` must be. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * One studio's connection: the key is per studio (FACT: "separate for every studio"),
 * so two studios of one tenant share neither cached `/leads/config` nor rate budget.
 * A hash of the secret's NAME and the base URL, never of the key itself.
 */
export function studioKey(vendor: string, connection: Pick<OpenApiConnection, 'baseUrl' | 'apiKeySecret'>): string {
  return `${vendor}:${fnv1a64(`${connection.apiKeySecret}\n${connection.baseUrl.replace(/\/+$/, '')}`)}`;
}
