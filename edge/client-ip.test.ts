import { describe, expect, it } from 'vitest';
import { clientKey } from './client-ip';

describe('clientKey', () => {
  it('counts an IPv4 address on its own', () => {
    expect(clientKey('192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('groups IPv6 by /64, whatever the spelling', () => {
    const key = clientKey('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    expect(clientKey('2001:0DB8:abcd:0012:ffff:1:2:3')).toBe(key);
    expect(clientKey('2001:db8:abcd:12:0:0:0:9')).toBe(key);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8:abcd:13::1')).not.toBe(key);
  });

  it('treats an IPv4-mapped IPv6 address as that IPv4 address', () => {
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('0:0:0:0:0:ffff:c633:6407')).toBe('198.51.100.7');
  });

  it('still gives a malformed address a budget of its own', () => {
    expect(clientKey('1:2:3::4::5')).toBe('raw:1:2:3::4::5');
    expect(clientKey('::ffff:300.1.1.1')).toMatch(/^raw:/);
  });
});
