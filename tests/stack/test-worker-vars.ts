/**
 * The delivery policy of every Worker the tests run (in vitest's workerd and in
 * `wrangler dev`): the same code path as production's wrangler.toml `[vars]`,
 * on a test's time scale, so fault tests see several attempts in seconds.
 */
export const TEST_DELIVERY_VARS = {
  DELIVERY_RETRY_BASE_SECONDS: '1',
  DELIVERY_RETRY_MAX_SECONDS: '2',
  DELIVERY_SWEEP_GRACE_SECONDS: '1',
} as const;
