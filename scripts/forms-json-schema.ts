import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { FormConfigSchema } from '../edge/forms/form-config';

// The forms file as an editor sees it: the Worker's FormsFileSchema takes `forms` as
// unknown[] (each form is checked by its vendor's schema, to name it in messages);
// here each entry is the composed form config.
const EditorFormsFileSchema = v.strictObject({
  $schema: v.optional(v.string()),
  forms: v.array(FormConfigSchema),
});

/**
 * The JSON Schema of a forms file, for editor completion and checks as one
 * types (`"$schema": "./forms.schema.json"`). It describes what an operator
 * writes (the input, defaults left out). `npm run check:forms` stays the judge:
 * the checks JSON Schema cannot say (a key list without duplicates, a secret
 * name's shape across keys, "underLoad" exactly when "when" is "under-load")
 * are left out here rather than failing the conversion.
 */
export function formsJsonSchema(): object {
  return toJsonSchema(EditorFormsFileSchema, {
    target: 'draft-07',
    typeMode: 'input',
    // Both are what JSON Schema cannot express: `check` is a custom predicate, `trim` a
    // transform. Anything else it cannot convert still throws, so no check drops out unseen.
    ignoreActions: ['check', 'trim'],
  });
}
