import type { Context } from 'hono';

/** The visitor's address, as Cloudflare's edge reports it; undefined outside Cloudflare (tests calling the Worker directly). */
export function clientIp(c: Context): string | undefined {
  return c.req.header('CF-Connecting-IP')?.trim() || undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, an embedded IPv4 tail as two groups), or undefined when malformed. */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return undefined;
    text = `${text.slice(0, v4.index)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const left = part(halves[0]);
  const right = part(halves[1]);
  const fill = halves.length === 2 ? 8 - left.length - right.length : 0;
  if (fill < 0 || (halves.length === 1 && left.length !== 8)) return undefined;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

/**
 * Who a rate limit counts: an IPv4 address, or an IPv6 /64 network (one
 * subscriber gets a whole /64, so single addresses would be free to rotate).
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is that IPv4 address, and
 * every spelling of one /64 (leading zeros, `::`) is the same key.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  const groups = ipv6Groups(ip);
  // Not an address Cloudflare would send: counted by its text, so it still has a budget.
  if (!groups) return `raw:${ip.slice(0, 64)}`;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
