import type { Page } from 'playwright-core';

/** An email no earlier test run has used. */
export const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.com`;

/** The Idempotency-Key of every lead POST the page makes, in order. */
export function watchSubmissions(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/leads')) keys.push(request.headers()['idempotency-key'] ?? '');
  });
  return keys;
}
