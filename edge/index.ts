// The production Worker: the operator's forms file, nothing of the demo's tests or benches.
import formsFile from '../forms.json';
import { formsFromFiles } from './forms/form-store';
import { leadgateWorker } from './worker';

export default leadgateWorker({ forms: formsFromFiles({ source: 'forms.json', json: formsFile }) });

export { VendorPacer } from './delivery/vendor-pacer';
export { SubmissionLimiter } from './rate-limit/submission-limiter';
export { CrmSessionBroker } from './vendors/intercode-crm/crm-session-broker';
export { VirtuagymTokenBroker } from './vendors/virtuagym/virtuagym-token-broker';
