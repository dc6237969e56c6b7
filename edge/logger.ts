import type { Context } from 'hono';
import type { AppEnv } from './app-env';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogDetail = Record<string, string | number | boolean | undefined>;
/** A `log` with its request (or job) already bound: what code outside a route is handed. */
export type EventLog = (level: LogLevel, event: string, detail: LogDetail) => void;

// Free text (an exception's message) can quote what a visitor typed: a parser
// error quotes its input, a schema error its value. Quoted text, emails and
// phone-like digit runs are taken out of it.
const QUOTED = /"[^"]*"|'[^']*'|`[^`]*`/g;
const EMAIL = /[^\s@"'`<>(),;:]+@[^\s@"'`<>(),;:]+/g;
const PHONE = /\+?\d[\d ()/.-]{5,}\d/g;

/** An exception's message without anything that could be personal data. */
export function scrubText(text: string): string {
  return text.replace(QUOTED, '"…"').replace(EMAIL, '[email]').replace(PHONE, '[number]').slice(0, 300);
}

/** Keys whose values are free text; every other value is a code, an id, a count or a name we chose. */
const FREE_TEXT = new Set(['error', 'detail']);

/**
 * One structured JSON line per event, with the request id and form id. Callers
 * pass codes and counts only: never a name, an email, a phone number or a
 * secret. Free text goes under `error` or `detail` only, and is scrubbed there.
 */
export function log(level: LogLevel, event: string, c: Context<AppEnv> | undefined, detail: LogDetail = {}): void {
  const fields: LogDetail = {};
  for (const [key, value] of Object.entries(detail)) fields[key] = typeof value === 'string' && FREE_TEXT.has(key) ? scrubText(value) : value;
  const line = JSON.stringify({
    level,
    event,
    requestId: c?.get('requestId'),
    formId: c?.get('form')?.id,
    ...fields,
  });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
