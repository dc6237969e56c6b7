// The demo's Worker (wrangler.toml's env "demo", `npm start`): the demo's forms, which send to the
// vendor simulators on 127.0.0.1. Never deployed; the production entry is edge/index.ts.
import demoForms from '../demo-forms.json';
import { formsFromFiles } from './forms/form-store';
import { leadgateWorker } from './worker';

export default leadgateWorker({ forms: formsFromFiles({ source: 'demo-forms.json', json: demoForms }) });

export { VendorPacer } from './delivery/vendor-pacer';
export { SubmissionLimiter } from './rate-limit/submission-limiter';
export { CrmSessionBroker } from './vendors/intercode-crm/crm-session-broker';
export { VirtuagymTokenBroker } from './vendors/virtuagym/virtuagym-token-broker';
