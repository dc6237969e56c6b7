import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { FormConfig } from '../../edge/forms/form-config';
import { FormConfigError, parseFormsFile } from '../../edge/forms/parse-forms-file';
import { secretNamesOf } from '../../edge/forms/secret-names';
import { describeJsonError } from '../json-error-position';

/** The production forms file could not be read or does not validate; the message names the file and every problem. */
export class ProductionFormsError extends Error {
  override name = 'ProductionFormsError';
}

export interface ProductionForms {
  readonly forms: readonly FormConfig[];
  /** The forms as written, for the URL walk (defaults filled in would hide nothing, but this is what the operator wrote). */
  readonly written: readonly unknown[];
}

/** Reads and checks the forms file exactly as the Worker does at start (`npm run check:forms`). */
export function readProductionForms(path: string): ProductionForms {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ProductionFormsError(`${path} does not exist: write the production forms there (README, "Forms"), or pass --forms <file>`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProductionFormsError(`${describeJsonError(path, text, error as SyntaxError)}; fix it, then run the command again`);
  }
  try {
    const forms = parseFormsFile(json, path);
    return { forms: [...forms.values()], written: (json as { forms: unknown[] }).forms };
  } catch (error) {
    if (!(error instanceof FormConfigError)) throw error;
    const problems = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    throw new ProductionFormsError(
      `${path} does not validate (${problems.join('; ')}); fix it (\`npm run check:forms -- ${path}\`), then run the command again`,
    );
  }
}

/** Every Worker secret the production forms name, sorted, each once. */
export const formSecretNames = (forms: readonly FormConfig[]): string[] => [...new Set(forms.flatMap(secretNamesOf))].sort();

const PRIVATE_V4 = [/^10\./, /^127\./, /^0\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/** A host the public Internet cannot reach, or that reaches the operator's own network: loopback, private, link-local, `.local`. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (isIP(host) === 4) return PRIVATE_V4.some((range) => range.test(host));
  if (isIP(host) === 6) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}

/**
 * The URLs in the forms that production must not point at, each as `form "id": key.path: url (why)`.
 * Every string that parses as an absolute URL counts (vendor base URLs, token URLs, Turnstile's, a
 * webhook's, a privacy policy link), except `allowedOrigins`: those name who may call the Worker, not
 * where it sends anything (GUESS: a gym site still on http:// is the gym's matter, not a deploy blocker).
 */
export function unsafeUrls(written: readonly unknown[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string, form: string): void => {
    if (typeof value === 'string') {
      if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value)) return;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return;
      }
      if (url.protocol === 'http:') found.push(`form "${form}": ${path}: ${value} is plain http://`);
      else if (isPrivateHost(url.hostname)) found.push(`form "${form}": ${path}: ${value} is a private or loopback address`);
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, form));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (key !== 'allowedOrigins') walk(inner, path ? `${path}.${key}` : key, form);
    }
  };
  for (const entry of written) walk(entry, '', String((entry as { id?: unknown }).id));
  return found;
}
