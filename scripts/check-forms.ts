// Checks forms.json the way the Worker does at start, so `npm start` and
// `npm run deploy` stop with the form and field named before anything runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FormConfigError, parseFormsFile } from '../edge/forms/parse-forms-file';

const path = fileURLToPath(new URL('../forms.json', import.meta.url));

try {
  const forms = parseFormsFile(JSON.parse(readFileSync(path, 'utf8')));
  console.log(`forms.json: ${forms.size} form(s) valid: ${[...forms.keys()].join(', ')}`);
} catch (error) {
  console.error(error instanceof FormConfigError || error instanceof SyntaxError ? `forms.json: ${error.message}` : error);
  process.exit(1);
}
