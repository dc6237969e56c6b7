// Checks forms files the way the Worker does at start, so `npm start`, the benches and
// `npm run deploy` stop with the form and field named before anything runs.
//   tsx scripts/check-forms.ts [file ...]   (default: forms.json, production's; several: one Worker's forms together)
import { readFileSync } from 'node:fs';
import { formsFromFiles } from '../edge/forms/form-store';
import { FormConfigError } from '../edge/forms/parse-forms-file';
import { describeJsonError } from './json-error-position';

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['forms.json'];

function readJson(source: string): unknown {
  const text = readFileSync(source, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) throw new FormConfigError(describeJsonError(source, text, error));
    throw error;
  }
}

try {
  const read = files.map((source) => ({ source, json: readJson(source) }));
  formsFromFiles(...read);
  for (const { source, json } of read) {
    const ids = ((json as { forms?: { id?: unknown }[] }).forms ?? []).map((f) => f.id);
    // An empty file is valid: the Worker then serves only the forms published in D1.
    console.log(
      ids.length > 0
        ? `${source}: ${ids.length} form(s) valid: ${ids.join(', ')}`
        : `${source}: valid, no forms (the Worker serves only forms published in D1)`,
    );
  }
} catch (error) {
  console.error(error instanceof FormConfigError ? error.message : error);
  process.exit(1);
}
