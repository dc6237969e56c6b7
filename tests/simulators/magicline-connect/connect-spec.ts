import { readFileSync } from 'node:fs';
import type { OpenApiValidator } from '../openapi-validator';
import { createOpenApiValidator } from '../openapi-validator';

/**
 * The name the vendor's document is registered under with the validator (nothing is fetched):
 * the spec's own server, `https://connectdemo.api.magicline.com`.
 */
export const CONNECT_SPEC_URI = 'https://connectdemo.api.magicline.com/connectapi.json';

let loaded: Promise<OpenApiValidator> | undefined;

/**
 * The vendor's published OpenAPI 3.1 document (`connectapi.json`, a byte-for-byte copy), compiled
 * once per process for validating requests, responses and fixtures.
 */
export function loadConnectSpec(): Promise<OpenApiValidator> {
  loaded ??= createOpenApiValidator(
    JSON.parse(readFileSync(new URL('./connectapi.json', import.meta.url), 'utf8')) as Record<string, unknown>,
    CONNECT_SPEC_URI,
  ).catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
