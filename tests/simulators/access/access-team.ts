/**
 * The Access team and application the local simulator stands for: the demo Worker (`npm start`) and the
 * tests' Worker are configured with these, as a deployed Worker is with its real team and AUD tag.
 */
export const ACCESS_SIMULATOR = {
  port: 8790,
  // Any name works: the Worker only compares it with the token's iss.
  teamDomain: 'leadgate-dev.cloudflareaccess.com',
  // The shape of a real AUD tag (64 hex digits); made up.
  audience: '4c1e9a3b7d2f60858e1b0a6c2d9f4e7a13b5c8d0e2f4a6b8c0d2e4f6a8b0c2d4',
} as const;

/** The Worker vars that make a Worker trust the simulator at `url` as its Access team (see edge/admin-access/cloudflare-access.ts). */
export function accessSimulatorVars(url: string) {
  return {
    ACCESS_TEAM_DOMAIN: ACCESS_SIMULATOR.teamDomain,
    ACCESS_AUD: ACCESS_SIMULATOR.audience,
    ACCESS_CERTS_URL: `${url}/cdn-cgi/access/certs`,
  } as const;
}
