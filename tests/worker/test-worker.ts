// The Worker the tests and benchmarks run (wrangler.toml's env "test"): the demo's forms plus the
// tests' own, and the bench's passthrough yardstick route. The production entry is edge/index.ts.
import { passthroughRoutes } from '../../edge/bench/passthrough-route';
import { leadgateWorker } from '../../edge/worker';
import { TEST_FORMS } from './test-forms';

export default leadgateWorker({
  forms: TEST_FORMS,
  // 404 unless BENCH_PASSTHROUGH is "1", as for any unknown route.
  extraRoutes: (app) => app.route('/v1/bench/passthrough', passthroughRoutes),
});

export { VendorPacer } from '../../edge/delivery/vendor-pacer';
export { SubmissionLimiter } from '../../edge/rate-limit/submission-limiter';
export { CrmSessionBroker } from '../../edge/vendors/intercode-crm/crm-session-broker';
export { VirtuagymTokenBroker } from '../../edge/vendors/virtuagym/virtuagym-token-broker';
