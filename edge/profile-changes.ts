import type { FieldSpec } from '../shared/form-spec';
import type { Lead } from '../shared/lead';

/** How long after a delivery its second step may still change the lead. */
export const PROFILE_WINDOW_MS = 24 * 60 * 60 * 1000;

function answerText(field: FieldSpec, value: string | readonly string[]): string {
  const label = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
  return Array.isArray(value) ? value.map(label).join(', ') : label(value as string);
}

/**
 * The second step's answers as vendor changes: standard fields as given, the
 * form's own questions as lines below the visitor's first note (the vendor has
 * no field for them). A new note carries the delivered lead's attribution, so
 * the adapter can keep the attribution block the note had. `lead` is the
 * delivered lead with the answers merged in; its note stays the visitor's own,
 * so a later change never repeats the lines.
 */
export function profileChanges(original: Lead, answers: Lead, fields: readonly FieldSpec[]): { changes: Lead; lead: Lead } {
  // Where the lead came from was settled by its delivery; a second step never changes it.
  const { profile, attribution: _ignored, ...standard } = answers;
  const lines = fields.flatMap((field) => {
    const id = field.name.startsWith('profile.') ? field.name.slice('profile.'.length) : undefined;
    const value = id === undefined ? undefined : profile?.[id];
    return value === undefined ? [] : [`${field.label ?? id}: ${answerText(field, value)}`];
  });
  const note = [original.note, lines.join('\n')].filter(Boolean).join('\n\n');
  return {
    changes: { ...standard, ...(lines.length > 0 ? { note, ...(original.attribution ? { attribution: original.attribution } : {}) } : {}) },
    lead: { ...original, ...standard, ...(profile ? { profile } : {}) },
  };
}
