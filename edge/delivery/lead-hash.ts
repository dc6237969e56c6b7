/** SHA-256 (hex) of a submitted lead, so a reused key with a different lead is recognised. */
export async function leadHash(lead: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(lead)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
