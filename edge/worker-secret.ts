/** A secret a form or the Worker needs is missing from the Worker's environment. */
export class MissingSecretError extends Error {
  override name = 'MissingSecretError';
  constructor(readonly secretName: string) {
    super(`Worker secret ${secretName} is not set`);
  }
}

/**
 * The value of the Worker secret `name` (`wrangler secret put`, `.dev.vars`
 * locally). Secrets are named by forms at run time, so they are read by name,
 * never typed one by one on `Env`. Throws MissingSecretError when it is unset or empty.
 */
export function workerSecret(env: Env, name: string): string {
  const value: unknown = Reflect.get(env, name);
  if (typeof value !== 'string' || value === '') throw new MissingSecretError(name);
  return value;
}
