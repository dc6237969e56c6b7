import { defineVendor } from '../vendor-descriptor';
import { echoAdapter } from './echo-adapter';
import { EchoConnectionSchema } from './echo-config';

/**
 * The echo vendor: a small lead store that exists only in the tests (its
 * simulator is tests/simulators/echo/). It is the template for a new vendor:
 * see docs/adding-a-vendor.md.
 */
export const echo = defineVendor({
  name: 'echo',
  label: 'Echo (test vendor)',
  entries: { connection: EchoConnectionSchema },
  connectionKey: (form) => `echo:${form.connection.baseUrl}`,
  ratePerMinute: (form) => form.connection.rateLimitPerMinute,
  capabilities: {
    reconcile: {
      strategy: 'lookup',
      how: 'each lead carries the submission id as `reference`; after a lost answer `GET /leads?reference=` finds the stored copy before any new create',
    },
    attribution: {},
  },
  createAdapter: (form, secrets) =>
    echoAdapter({ baseUrl: form.connection.baseUrl, token: secrets(form.connection.tokenSecret), timeoutMs: form.connection.timeoutMs }),
});
