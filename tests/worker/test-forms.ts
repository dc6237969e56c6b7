import demoForms from '../../demo-forms.json';
import { formsFromFiles } from '../../edge/forms/form-store';
import testForms from '../test-forms.json';

/** The forms of the test Worker: the demo's and the tests' own (`tests/test-forms.json`: test-* and bench-* forms). */
export const TEST_FORMS = formsFromFiles({ source: 'demo-forms.json', json: demoForms }, { source: 'tests/test-forms.json', json: testForms });
