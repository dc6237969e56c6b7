import { describe, expect, it } from 'vitest';
import demoForms from '../../demo-forms.json';
import { PORTS } from '../stack/ports';
import testForms from '../test-forms.json';
import { SIMULATORS } from './simulators';

/** Every local address a form sends to: its connection's URLs and its Turnstile's. */
function localUrls(value: unknown): URL[] {
  if (typeof value === 'string') return URL.canParse(value) && new URL(value).hostname === '127.0.0.1' ? [new URL(value)] : [];
  if (Array.isArray(value)) return value.flatMap(localUrls);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(localUrls);
  return [];
}

describe('SIMULATORS', () => {
  it('serves every local address the demo and test forms send to, each on the port the forms name', () => {
    const ports = new Set(SIMULATORS.map(({ port }) => port));
    const urls = [...demoForms.forms, ...testForms.forms].flatMap((form) => localUrls([form.connection, 'botCheck' in form ? form.botCheck : undefined]));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(ports, `${url.href} names a port no simulator has`).toContain(Number(url.port));
  });

  it('names each simulator once and gives it a port of its own, none of the stack’s other ports', () => {
    expect(new Set(SIMULATORS.map(({ name }) => name)).size).toBe(SIMULATORS.length);
    const ports = [...SIMULATORS.map(({ port }) => port), ...Object.values(PORTS)];
    expect(new Set(ports).size).toBe(ports.length);
  });
});
