// The production Worker: the operator's forms file (forms.json, git-ignored; `scripts/ensure.mjs`
// writes an empty one, and then every form comes from D1), nothing of the demo's, the tests' or the benches'.
import formsFile from '../forms.json';
import { formsFromFiles } from './forms/form-store';
import { leadgateWorker } from './worker';

export default leadgateWorker({ forms: formsFromFiles({ source: 'forms.json', json: formsFile }) });

export { VendorPacer } from './delivery/vendor-pacer';
export { SubmissionLimiter } from './rate-limit/submission-limiter';
export { CrmSessionBroker } from './vendors/intercode-crm/crm-session-broker';
export { VirtuagymTokenBroker } from './vendors/virtuagym/virtuagym-token-broker';
