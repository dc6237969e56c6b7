import type { Context } from 'hono';

/** The visitor's address, as Cloudflare's edge reports it; undefined outside Cloudflare (tests calling the Worker directly). */
export function clientIp(c: Context): string | undefined {
  return c.req.header('CF-Connecting-IP')?.trim() || undefined;
}

/**
 * Who a rate limit counts: an IPv4 address, or an IPv6 /64 network (one
 * subscriber gets a whole /64, so single addresses would be free to rotate).
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
