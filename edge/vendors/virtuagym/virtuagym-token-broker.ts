import { DurableObject } from 'cloudflare:workers';
import { fetchToken } from './fetch-token';
import type { TokenRequest, TokenResult } from './token-request';

interface StoredToken {
  readonly accessToken: string;
  readonly renewAt: number;
}

/**
 * One Durable Object per Virtuagym club and client: the only place that asks
 * Keycloak for that club's token. Durable Objects are single-instance, so
 * concurrent submissions from every isolate share one request in flight.
 */
export class VirtuagymTokenBroker extends DurableObject<Env> {
  private token: StoredToken | undefined;
  private loaded = false;
  private inflight: Promise<TokenResult> | undefined;

  /**
   * A valid token for the club. With `refused`, the gateway rejected that token:
   * it is replaced, unless another caller has replaced it already.
   */
  async getToken(request: TokenRequest, refused?: string): Promise<TokenResult> {
    if (!this.loaded) {
      this.token = await this.ctx.storage.get<StoredToken>('token');
      this.loaded = true;
    }
    const current = this.token;
    if (current && Date.now() < current.renewAt && current.accessToken !== refused) {
      return { ok: true, accessToken: current.accessToken };
    }
    this.inflight ??= this.renew(request).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async renew(request: TokenRequest): Promise<TokenResult> {
    const fetched = await fetchToken(request);
    if (!fetched.ok) return fetched;
    this.token = { accessToken: fetched.accessToken, renewAt: fetched.renewAt };
    // Kept across evictions of this object, so an idle club does not cost a new grant.
    await this.ctx.storage.put('token', this.token);
    return { ok: true, accessToken: fetched.accessToken };
  }
}
