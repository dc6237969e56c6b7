import formsFile from '../forms.json';
import type { FormConfig } from './forms/form-config';
import { parseFormsFile } from './forms/parse-forms-file';

// Checked when the Worker starts, so a broken forms.json fails `wrangler dev`
// and `wrangler deploy` loudly instead of failing visitors one by one.
const forms = parseFormsFile(formsFile);

export function findForm(formId: string): FormConfig | undefined {
  return forms.get(formId);
}
