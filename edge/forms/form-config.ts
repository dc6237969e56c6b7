import * as v from 'valibot';
import { VENDORS } from '../vendors/registry';

/**
 * One form's config (`forms.json`): the common keys plus its vendor's
 * connection and options, composed from the vendor descriptors. Only the edge
 * needs it; the widget sees the public FormSpec built from it.
 */
export const FormConfigSchema = v.variant(
  'vendor',
  VENDORS.map((vendor) => vendor.formSchema),
  `must be one of: ${VENDORS.map((vendor) => vendor.name).join(', ')}`,
);
export type FormConfig = v.InferOutput<typeof FormConfigSchema>;
export type Vendor = FormConfig['vendor'];
