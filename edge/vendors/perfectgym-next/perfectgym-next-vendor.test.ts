import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { simulatorClient } from '../../../tests/stack/simulator-client';
import { resetBindings } from '../../test-migrations';
import { magiclineOpen } from '../magicline-open/magicline-open-vendor';
import { VendorMisconfiguredError } from '../vendor-adapter';
import { perfectGymNext } from './perfectgym-next-vendor';

const sim = simulatorClient(inject('simulators')['perfectgym-next']);
const demoGym = `${inject('simulators')['perfectgym-next']}/demo-gym/v1`;
const hooks = { waitUntil: () => {}, log: () => {} };

/** A form on `baseUrl` whose studio key is the Worker secret `apiKeySecret`. */
function form(id: string, baseUrl: string, apiKeySecret: string, options: Record<string, unknown> = {}) {
  const bound = perfectGymNext.bind({
    id,
    vendor: 'perfectgym-next',
    connection: { baseUrl, apiKeySecret },
    ...options,
    allowedOrigins: ['https://www.gym.example'],
    defaultLocale: 'en',
    consent: { privacyPolicyUrl: 'https://www.gym.example/privacy', marketing: 'none' },
  });
  if (!bound.success) throw new Error('test form does not pass its schema');
  return bound.open(300);
}

beforeEach(async () => {
  await resetBindings();
  await sim.reset();
});

describe('perfectgym-next connection key', () => {
  it('gives two studios of one tenant their own rules cache: a key the studio refuses is never served the other’s config', async () => {
    const studioA = form('studio-a', demoGym, 'PG_DEMO_API_KEY');
    // Another studio's key on the same tenant URL: the simulator refuses it for demo-gym.
    const studioB = form('studio-b', demoGym, 'PG_HOSTILE_API_KEY');
    await studioA.connect(env, hooks);
    await expect(studioB.connect(env, hooks)).rejects.toBeInstanceOf(VendorMisconfiguredError);
  });

  it('describes each form’s own fields even where two forms share one studio’s cached rules', async () => {
    const plain = form('plain', demoGym, 'PG_DEMO_API_KEY');
    const extended = form('extended', demoGym, 'PG_DEMO_API_KEY', { extraFields: ['secondFirstName'] });
    // The second read parses the KV entry, which the isolate then keeps: both forms get that one rules object.
    await plain.connect(env, hooks);
    expect((await plain.connect(env, hooks)).vendorForm.fields.map((f) => f.name)).not.toContain('secondFirstName');
    expect((await extended.connect(env, hooks)).vendorForm.fields.map((f) => f.name)).toContain('secondFirstName');
  });

  it('paces each studio on its own budget, keyed by the secret’s name and URL, never the key', () => {
    const a = form('studio-a', demoGym, 'PG_DEMO_API_KEY').pacing!;
    const b = form('studio-b', demoGym, 'PG_HOSTILE_API_KEY').pacing!;
    const again = form('studio-a-too', `${demoGym}/`, 'PG_DEMO_API_KEY').pacing!;
    expect(a.key).not.toBe(b.key);
    expect(again.key).toBe(a.key);
    const secrets = env as unknown as Record<string, string>;
    for (const key of [a.key, b.key]) {
      expect(key).not.toContain(secrets.PG_DEMO_API_KEY);
      expect(key).not.toContain(secrets.PG_HOSTILE_API_KEY);
      expect(key).not.toContain('PG_');
    }
    const magicline = magiclineOpen.bind({
      id: 'ml',
      vendor: 'magicline-open',
      connection: { baseUrl: demoGym, apiKeySecret: 'PG_DEMO_API_KEY' },
      allowedOrigins: ['https://www.gym.example'],
      defaultLocale: 'en',
      consent: { privacyPolicyUrl: 'https://www.gym.example/privacy', marketing: 'none' },
    });
    expect(magicline.success && magicline.open(300).pacing!.key).not.toBe(a.key);
  });
});
