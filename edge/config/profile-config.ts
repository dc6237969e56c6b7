import * as v from 'valibot';
import { LocalizedTextSchema } from './config-schemas';

const ProfileQuestionSchema = v.strictObject({
  id: v.pipe(v.string('must be a string'), v.regex(/^[a-z][a-zA-Z0-9]{0,31}$/, 'must be a camelCase id such as "goal"')),
  type: v.picklist(['text', 'select', 'multiselect'], 'must be "text", "select" or "multiselect"'),
  label: LocalizedTextSchema,
  options: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          value: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(100, 'is too long')),
          label: LocalizedTextSchema,
        }),
      ),
      v.minLength(1, 'must offer at least one option'),
    ),
  ),
});
export type ProfileQuestion = v.InferOutput<typeof ProfileQuestionSchema>;

/**
 * The optional second step: standard fields and questions of the form's own.
 * Only a vendor that can update a lead offers it (its descriptor's `secondStep`).
 */
export const ProfileConfigSchema = v.strictObject({
  title: v.optional(LocalizedTextSchema),
  intro: v.optional(LocalizedTextSchema),
  fields: v.pipe(
    v.array(
      v.union(
        [
          v.picklist(['gender', 'birthDate', 'address', 'phone']),
          v.pipe(
            ProfileQuestionSchema,
            v.check((q) => q.type === 'text' || q.options !== undefined, 'needs options for a select or multiselect'),
          ),
        ],
        'must be gender, birthDate, address, phone or a question { id, type, label, options }',
      ),
    ),
    v.minLength(1, 'must list at least one field'),
  ),
});
export type ProfileConfig = v.InferOutput<typeof ProfileConfigSchema>;
