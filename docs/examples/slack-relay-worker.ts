// A tiny Cloudflare Worker that receives Leadgate's alert webhooks, checks their signature and
// posts them to a Slack incoming webhook (which cannot check a signature itself).
//   wrangler secret put LEADGATE_SIGNING_SECRET   # the value behind the form's alerts.webhook.signingSecret
//   wrangler secret put SLACK_WEBHOOK_URL         # https://hooks.slack.com/services/…
// Tested by edge/alerts/slack-relay.test.ts against the real Worker's calls.

interface Env {
  readonly LEADGATE_SIGNING_SECRET: string;
  readonly SLACK_WEBHOOK_URL: string;
}

/** Stripe's advice, and Leadgate's: refuse a signature more than five minutes from now (a replayed call). */
const TOLERANCE_SECONDS = 300;

/** The raw body when `Leadgate-Signature` signs it with `secret` within the tolerance, else null. Works in Workers and Node 20+. */
export async function verifiedBody(request: Request, secret: string): Promise<string | null> {
  const body = await request.text(); // the exact bytes that were signed: check before parsing
  const fields = new Map((request.headers.get('Leadgate-Signature') ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(fields.get('t'));
  const v1 = fields.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > TOLERANCE_SECONDS || !/^[0-9a-f]{64}$/.test(v1)) return null;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signature = Uint8Array.from(v1.match(/../g) ?? [], (hex) => Number.parseInt(hex, 16));
  // crypto.subtle.verify compares in constant time: no timing hint of how much of a guess was right.
  return (await crypto.subtle.verify('HMAC', key, signature, encoder.encode(`${t}.${body}`))) ? body : null;
}

interface LeadgateEvent {
  readonly id: string;
  readonly type: string;
  readonly formId: string;
  readonly vendor: string | null;
  readonly deliveryId?: string;
  readonly errorCode?: string | null;
  readonly counts?: Record<string, number>;
}

function slackText(event: LeadgateEvent): string {
  const what = {
    'lead.held': `a lead is held for you (${event.errorCode ?? 'no code'}): replay it once the vendor's setup is fixed`,
    'lead.dead_lettered': `a lead could not be delivered (${event.errorCode ?? 'no code'}): replay it`,
    'vendor.down': `${event.vendor} keeps failing (${event.counts?.failures ?? '?'} errors in 5 minutes, last ${event.errorCode ?? '?'})`,
    test: 'test alert: the webhook works',
  }[event.type];
  const lead = event.deliveryId ? `\n\`npm run admin -- show ${event.formId} ${event.deliveryId}\`` : '';
  return `*${event.formId}*: ${what ?? event.type}${lead}`;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST only', { status: 405 });
    const body = await verifiedBody(request, env.LEADGATE_SIGNING_SECRET);
    if (body === null) return new Response('bad signature', { status: 401 });
    const slack = await fetch(env.SLACK_WEBHOOK_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: slackText(JSON.parse(body) as LeadgateEvent) }),
    });
    // Slack did not take it: a 5xx makes Leadgate send the event again later.
    return new Response(null, { status: slack.ok ? 204 : 502 });
  },
};
