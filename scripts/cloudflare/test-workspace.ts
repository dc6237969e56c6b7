// Test fixture: a temporary folder with the repository's wrangler.toml (placeholder ids and all) and a
// production forms file, so the commands never touch the repository's own files.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_readConfig } from 'wrangler';

/** A gym's production form: PerfectGym over https, its API key in a Worker secret. */
export const cityGymForm = (connection: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'city-gym',
  vendor: 'perfectgym-next',
  connection: { baseUrl: 'https://citygym.perfectgym.com/api/v1', apiKeySecret: 'CITY_GYM_API_KEY', ...connection },
  allowedOrigins: ['https://www.citygym.example'],
  defaultLocale: 'en',
  consent: { privacyPolicyUrl: 'https://www.citygym.example/privacy', marketing: 'matrix' },
});

export function testWorkspace(forms: readonly unknown[] = [cityGymForm()]) {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-cloudflare-'));
  const configPath = join(dir, 'wrangler.toml');
  const formsPath = join(dir, 'forms.json');
  copyFileSync('wrangler.toml', configPath);
  const writeForms = (list: readonly unknown[]) => writeFileSync(formsPath, JSON.stringify({ forms: list }, null, 2));
  writeForms(forms);
  return {
    configPath,
    formsPath,
    writeForms,
    configText: () => readFileSync(configPath, 'utf8'),
    /** The config as wrangler itself reads it, for one environment (production when none). */
    wranglerConfig: (env?: string) => unstable_readConfig({ config: configPath, ...(env ? { env } : {}) }, { hideWarnings: true }),
  };
}
