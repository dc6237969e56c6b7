import { ACCESS_SIMULATOR, accessSimulatorVars } from '../simulators/access/access-team.ts';

/**
 * The vars of every Worker the tests run (in vitest's workerd and in
 * `wrangler dev`): the same code paths as production's wrangler.toml `[vars]`,
 * on a test's scale. Retries come seconds apart, so fault tests see several
 * attempts; the rate limits are raised, because the whole suite submits from
 * one address (the rate-limit tests set their own limits). Cloudflare Access
 * is on, with the Access simulator as the team.
 */
export const TEST_WORKER_VARS = {
  DELIVERY_RETRY_BASE_SECONDS: '1',
  DELIVERY_RETRY_MAX_SECONDS: '2',
  DELIVERY_SWEEP_GRACE_SECONDS: '1',
  // Alert webhooks retried 1 s, 2 s, 4 s… apart instead of 30 s, 60 s…
  ALERT_RETRY_BASE_SECONDS: '1',
  RATE_LIMIT_PER_CLIENT: '100000',
  RATE_LIMIT_PER_FORM: '100000',
  ...accessSimulatorVars(`http://127.0.0.1:${ACCESS_SIMULATOR.port}`),
} as const;
