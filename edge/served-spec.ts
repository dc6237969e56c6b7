import type { Context } from 'hono';
import type { FormSpec } from '../shared/form-spec';
import type { Locale } from '../shared/locales';
import type { AppEnv } from './app-env';
import { formTokenSecret } from './bot-check/check-bot';
import { issueFormToken } from './bot-check/form-token';
import { turnstileRequired } from './bot-check/turnstile-required';
import { loadFormRules } from './form-rules';
import { formSpecFor } from './form-spec-builder';
import { outboxKeys } from './privacy/outbox-keys';

/**
 * The FormSpec as the widget receives it: built from the vendor's rules and the
 * form's config, with a fresh form token, the form's public bot-check settings and
 * the public key the widget seals its outbox with. An "under-load" form's Turnstile
 * is `onDemand` while it is not asked for: the widget renders it once a lead is
 * refused for want of it.
 */
export async function servedSpec(c: Context<AppEnv>, locale: Locale): Promise<FormSpec> {
  const form = c.get('form');
  const [{ vendorForm }, outbox] = await Promise.all([loadFormRules(c), outboxKeys(c.env).published()]);
  const { minFillSeconds, turnstile } = form.botCheck;
  return {
    ...formSpecFor(form, vendorForm, locale),
    bot: {
      formToken: await issueFormToken(formTokenSecret(c), form.id),
      minFillMs: Math.round(minFillSeconds * 1000),
      ...(turnstile
        ? { turnstile: { siteKey: turnstile.siteKey, scriptUrl: turnstile.scriptUrl, ...((await turnstileRequired(c)) ? {} : { onDemand: true }) } }
        : {}),
    },
    ...(outbox ? { outbox } : {}),
  };
}
