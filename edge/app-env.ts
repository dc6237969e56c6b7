import type { FormConfig } from './forms/form-config';
import type { FormStore } from './forms/form-store';

/** Hono's typing for this Worker: bindings from wrangler.toml, per-request state. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Where this Worker's forms come from (see worker.ts). */
    forms: FormStore;
    form: FormConfig;
    /** How the request ended, for the access log: an error code or a result such as `delivered`. */
    outcome: string;
    /** Who an admin request acts as, for the audit log: 'admin' (the global token) or 'token:<id>'. */
    adminActor: string;
    /** The forms an admin request may act on: null for the global token (every form), a scoped token's list otherwise. */
    adminForms: readonly string[] | null;
  };
};
