import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { formLimiter } from '../middleware/rate-limit';

/**
 * Whether the form asks for a solved Turnstile challenge now: on every lead
 * ("always"), or ("under-load") while its limiter says the form's rate passed
 * its threshold not long ago. The lead route's answer is the authority; the
 * spec only tells the widget what it will meet.
 */
export async function turnstileRequired(c: Context<AppEnv>): Promise<boolean> {
  const form = c.get('form');
  const turnstile = form.botCheck.turnstile;
  if (!turnstile) return false;
  return turnstile.when === 'always' || (await formLimiter(c.env, form.id).turnstileRequired());
}
