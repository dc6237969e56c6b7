import tenants from './echo-tenants.json';

/** One store of the echo vendor, with the bearer token it accepts. */
export interface EchoTenant {
  /** The first path segment: `http://127.0.0.1:8798/<tenant>`. */
  readonly tenant: string;
  readonly token: string;
}

/** The tenants of echo-tenants.json, each with its token from `.dev.vars` (`tokenEnv`); fails naming a missing one. */
export function loadEchoTenants(secrets: Readonly<Record<string, string>>): EchoTenant[] {
  return tenants.tenants.map(({ tenant, tokenEnv }) => {
    const token = secrets[tokenEnv];
    if (!token) throw new Error(`echo simulator: ${tokenEnv} (the token of tenant ${tenant}) is not in .dev.vars`);
    return { tenant, token };
  });
}
