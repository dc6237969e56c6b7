import { describe, expect, it } from 'vitest';
import { PORTS } from '../stack/ports';
import { SIMULATORS } from './simulators';

describe('SIMULATORS', () => {
  it('keeps the fixed ports that forms.json and the README name', () => {
    expect(SIMULATORS.map(({ name, port }) => [name, port])).toEqual([
      ['perfectgym-next', 8791],
      ['virtuagym', 8792],
      ['magicline-connect', 8793],
      ['intercode-crm', 8794],
      ['perfectgym-classic', 8797],
      ['turnstile', 8796],
    ]);
  });

  it('names each simulator once and gives it a port of its own, none of the stack’s other ports', () => {
    expect(new Set(SIMULATORS.map(({ name }) => name)).size).toBe(SIMULATORS.length);
    const ports = [...SIMULATORS.map(({ port }) => port), ...Object.values(PORTS)];
    expect(new Set(ports).size).toBe(ports.length);
  });
});
