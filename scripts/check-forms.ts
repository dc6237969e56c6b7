// Checks forms files the way the Worker does at start, so `npm start`, the benches and
// `npm run deploy` stop with the form and field named before anything runs.
//   tsx scripts/check-forms.ts [file ...]   (default: forms.json; several: one Worker's forms together)
import { readFileSync } from 'node:fs';
import { formsFromFiles } from '../edge/forms/form-store';
import { FormConfigError } from '../edge/forms/parse-forms-file';

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['forms.json'];

try {
  const read = files.map((source) => ({ source, json: JSON.parse(readFileSync(source, 'utf8')) as unknown }));
  formsFromFiles(...read);
  for (const { source, json } of read) {
    const ids = ((json as { forms?: { id?: unknown }[] }).forms ?? []).map((f) => f.id);
    console.log(`${source}: ${ids.length} form(s) valid: ${ids.join(', ')}`);
  }
} catch (error) {
  console.error(error instanceof FormConfigError ? error.message : error instanceof SyntaxError ? `${files.join(', ')}: ${error.message}` : error);
  process.exit(1);
}
