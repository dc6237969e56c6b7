import { describe, expect, it } from 'vitest';
import { isAllowedHostname, isAllowedOrigin } from './allowed-origin';

const patterns = ['https://www.gym.example', 'https://*.chain.example', 'http://localhost:8800'];

describe('isAllowedOrigin', () => {
  it.each([
    ['https://www.gym.example', true],
    ['https://studio.chain.example', true],
    ['https://a.b.chain.example', true],
    ['http://localhost:8800', true],
    ['https://chain.example', false],
    ['https://evilchain.example', false],
    ['http://studio.chain.example', false],
    ['https://www.gym.example:444', false],
    ['https://www.gym.example.evil.example', false],
    ['https://WWW.GYM.EXAMPLE', true],
    ['https://www.gym.example/', true],
    ['https://www.gym.example/path', false],
    ['null', false],
    ['', false],
  ])('%s → %s', (origin, allowed) => {
    expect(isAllowedOrigin(patterns, origin)).toBe(allowed);
  });
});

describe('isAllowedHostname', () => {
  it.each([
    ['www.gym.example', true],
    ['studio.chain.example', true],
    ['chain.example', false],
    ['localhost', true],
    ['gym.example', false],
    ['evil.example', false],
  ])('%s → %s', (hostname, allowed) => {
    expect(isAllowedHostname(patterns, hostname)).toBe(allowed);
  });
});
