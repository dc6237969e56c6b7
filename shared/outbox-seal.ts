/**
 * The sealed outbox's format, which the widget writes and only the Worker can read:
 * `lgo1.<key id>.<ephemeral public key>.<iv>.<ciphertext>`, base64url. Each seal makes
 * a fresh ECDH P-256 key pair, agrees a secret with the Worker's published key, derives
 * an AES-256-GCM key from it with HKDF-SHA256, and encrypts `{ savedAt, lead }` with the
 * additional data `<formId>/<idempotency key>`: a copy moved to another form or key does
 * not open. No valibot here: the widget's lazy outbox chunk imports it.
 */

/** The Worker's public key for the outbox, as the form spec publishes it. */
export interface OutboxKey {
  /** Which of LEADGATE_OUTBOX_KEYS opens what this key sealed. */
  readonly keyId: string;
  /** The uncompressed P-256 point (65 bytes), base64url. */
  readonly publicKey: string;
}

/** What a sealed copy holds: the lead exactly as first sent, and when the device saved it (its clock, epoch ms). */
export interface SealedContent {
  readonly savedAt: number;
  readonly lead: Record<string, unknown>;
}

const FORMAT = 'lgo1';
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

export const toBase64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** The bytes of a base64url text; undefined when it is not one. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The AES-GCM key both sides derive from the ECDH secret; the ephemeral key and key id are bound in. */
async function contentKey(secret: ArrayBuffer, ephemeral: Uint8Array<ArrayBuffer>, keyId: string, use: KeyUsage): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ephemeral, info: encoder.encode(`leadgate outbox ${keyId}`) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    [use],
  );
}

const aad = (formId: string, key: string) => encoder.encode(`${formId}/${key}`);

/** The key id a sealed copy names; undefined when it is not one. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
}

/** `content` sealed for the Worker that published `to`, for the submission `<formId>/<key>`. */
export async function sealForWorker(to: OutboxKey, formId: string, key: string, content: SealedContent): Promise<string> {
  const worker = await crypto.subtle.importKey('raw', fromBase64url(to.publicKey)!, CURVE, false, []);
  const pair = (await crypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: worker }, pair.privateKey, 256);
  const ephemeral = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await contentKey(secret, ephemeral, to.keyId, 'encrypt');
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(formId, key) }, aes, encoder.encode(JSON.stringify(content)));
  return [FORMAT, to.keyId, toBase64url(ephemeral), toBase64url(iv), toBase64url(new Uint8Array(ct))].join('.');
}

/**
 * What `sealed` holds, opened with the private key of its key id, for the submission
 * `<formId>/<key>`. Throws when it is not a sealed copy, was sealed for another key,
 * form or submission, or was altered; the error names none of its content.
 */
export async function openSealed(privateKey: CryptoKey, formId: string, key: string, sealed: string): Promise<SealedContent> {
  const [, keyId, ephemeralText, ivText, ctText] = sealed.split('.');
  const ephemeral = sealedKeyId(sealed) ? fromBase64url(ephemeralText!) : undefined;
  const iv = ivText ? fromBase64url(ivText) : undefined;
  const ct = ctText ? fromBase64url(ctText) : undefined;
  if (ephemeral?.length !== 65 || iv?.length !== 12 || !ct) throw new Error('not a sealed copy');
  const sender = await crypto.subtle.importKey('raw', ephemeral, CURVE, false, []);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: sender }, privateKey, 256);
  const aes = await contentKey(secret, ephemeral, keyId!, 'decrypt');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(formId, key) }, aes, ct);
  const content = JSON.parse(new TextDecoder().decode(plain)) as Partial<SealedContent> | null;
  const lead = content?.lead;
  if (typeof content?.savedAt !== 'number' || typeof lead !== 'object' || lead === null || Array.isArray(lead)) throw new Error('not a sealed lead');
  return { savedAt: content.savedAt, lead };
}
