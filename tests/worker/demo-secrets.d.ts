// The demo's and the tests' vendor secrets, as the Worker tests read them from `env` (generated
// into .dev.vars by scripts/ensure.mjs). Forms name their secrets at run time, so the generated
// edge/worker-configuration.d.ts holds only what wrangler.toml declares; this file adds these
// names for the tests. Production code reads a form's secret with workerSecret(env, name).
declare namespace Cloudflare {
  interface Env {
    PG_DEMO_API_KEY: string;
    ML_OPEN_DEMO_API_KEY: string;
    VG_DEMO_CLIENT_ID: string;
    VG_DEMO_CLIENT_SECRET: string;
    CRM_DEMO_TOKEN: string;
    CRM_LOGIN_EMAIL: string;
    CRM_LOGIN_PASSWORD: string;
    PG_CLASSIC_DEMO_CLIENT_ID: string;
    PG_CLASSIC_DEMO_CLIENT_SECRET: string;
    TEST_ALERTS_SIGNING_SECRET: string;
    ALERT_WEBHOOK_SECRET: string;
  }
}
