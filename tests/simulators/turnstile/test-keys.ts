/**
 * Cloudflare's published test keys (FACT: developers.cloudflare.com/turnstile/troubleshooting/testing/).
 * They work on any hostname, and siteverify answers them from the secret alone.
 */

/** FACT: every test sitekey yields this token; only the test secrets accept it. */
export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

/** What a test sitekey's challenge does. */
export interface DummySiteKey {
  readonly siteKey: string;
  readonly outcome: 'pass' | 'fail' | 'interactive';
  readonly visible: boolean;
}

/** FACT: the five test sitekeys. */
export const DUMMY_SITE_KEYS: readonly DummySiteKey[] = [
  { siteKey: '1x00000000000000000000AA', outcome: 'pass', visible: true },
  { siteKey: '2x00000000000000000000AB', outcome: 'fail', visible: true },
  { siteKey: '1x00000000000000000000BB', outcome: 'pass', visible: false },
  { siteKey: '2x00000000000000000000BB', outcome: 'fail', visible: false },
  { siteKey: '3x00000000000000000000FF', outcome: 'interactive', visible: true },
];

/** What siteverify answers for a test secret, whatever the (dummy) token's history. */
export interface DummySecret {
  readonly secret: string;
  readonly outcome: 'pass' | 'invalid-input-response' | 'timeout-or-duplicate';
}

/** FACT: the three test secret keys. */
export const DUMMY_SECRETS: readonly DummySecret[] = [
  { secret: '1x0000000000000000000000000000000AA', outcome: 'pass' },
  { secret: '2x0000000000000000000000000000000AA', outcome: 'invalid-input-response' },
  { secret: '3x0000000000000000000000000000000AA', outcome: 'timeout-or-duplicate' },
];

export const dummySiteKey = (siteKey: string) => DUMMY_SITE_KEYS.find((key) => key.siteKey === siteKey);
export const dummySecret = (secret: string) => DUMMY_SECRETS.find((key) => key.secret === secret);
