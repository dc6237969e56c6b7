import { DurableObject } from 'cloudflare:workers';
import { logIn } from './crm-login';
import type { CrmCredential, LoginRequest, SessionResult } from './crm-session';

interface StoredSession {
  readonly credential: CrmCredential;
  readonly renewAt: number;
}

/**
 * One Durable Object per CRM and service account: the only place that signs that account in,
 * as `VirtuagymTokenBroker` is for a club's token. Concurrent deliveries from every isolate share
 * one session and one login in flight.
 */
export class CrmSessionBroker extends DurableObject<Env> {
  private session: StoredSession | undefined;
  private loaded = false;
  private inflight: Promise<SessionResult> | undefined;

  /**
   * A live session. With `refused`, the CRM answered 401 to that one: it is replaced, unless
   * another caller has replaced it already.
   */
  async getSession(request: LoginRequest, refused?: CrmCredential): Promise<SessionResult> {
    if (!this.loaded) {
      this.session = await this.ctx.storage.get<StoredSession>('session');
      this.loaded = true;
    }
    const current = this.session;
    if (current && Date.now() < current.renewAt && current.credential.value !== refused?.value) {
      return { ok: true, credential: current.credential };
    }
    this.inflight ??= this.renew(request).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async renew(request: LoginRequest): Promise<SessionResult> {
    const fresh = await logIn(request);
    if (!fresh.ok) return fresh;
    this.session = { credential: fresh.credential, renewAt: fresh.renewAt };
    // Kept across evictions of this object, so an idle CRM does not cost a new login.
    await this.ctx.storage.put('session', this.session);
    return { ok: true, credential: fresh.credential };
  }
}
