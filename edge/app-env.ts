import type { FormConfig } from './forms/form-config';

/** Hono's typing for this Worker: bindings from wrangler.toml, per-request state. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    form: FormConfig;
    /** How the request ended, for the access log: an error code or a result such as `delivered`. */
    outcome: string;
  };
};
