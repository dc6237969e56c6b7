// Writes forms.schema.json, the JSON Schema editors complete and check forms files with.
//   npm run forms:schema   (commit the result; a test fails when it is stale)
import { writeFileSync } from 'node:fs';
import { formsJsonSchema } from './forms-json-schema';

writeFileSync('forms.schema.json', `${JSON.stringify(formsJsonSchema(), null, 2)}\n`);
console.log('forms.schema.json written');
