import type { Context } from 'hono';
import type { AppEnv } from './app-env';

type Level = 'info' | 'warn' | 'error';
type Detail = Record<string, string | number | boolean | undefined>;

/**
 * One structured JSON line per event, with the request id and form id. Callers
 * pass codes and counts only: never a name, an email, a phone number or a secret.
 */
export function log(level: Level, event: string, c: Context<AppEnv> | undefined, detail: Detail = {}): void {
  const line = JSON.stringify({
    level,
    event,
    requestId: c?.get('requestId'),
    formId: c?.get('form')?.id,
    ...detail,
  });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
