import type { FieldSpec, FormSpec } from '../../../shared/form-spec';
import type { Lead } from '../../../shared/lead';
import { unhandled } from '../../../shared/unhandled';
import type { ChannelsValue, FieldValue, FormValues } from './form-values';

function isStringList(value: FieldValue): value is readonly string[] {
  return Array.isArray(value);
}

function isChannels(value: FieldValue): value is ChannelsValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Returns undefined for an unanswered field, so it is left out of the lead.
function leadValue(field: FieldSpec, value: FieldValue): unknown {
  switch (field.type) {
    case 'text':
    case 'email':
    case 'tel':
    case 'url':
    case 'textarea':
    case 'date':
    case 'integer':
    case 'select':
    case 'country': {
      const text = typeof value === 'string' ? value.trim() : '';
      return text === '' ? undefined : text;
    }
    case 'multiselect': {
      const chosen = isStringList(value) ? (field.options ?? []).map((o) => o.value).filter((v) => value.includes(v)) : [];
      return chosen.length > 0 ? chosen : undefined;
    }
    case 'yes-no':
      return typeof value === 'boolean' ? value : undefined;
    case 'consent':
      // An unticked box is "not given", never an explicit refusal.
      return value === true ? true : undefined;
    case 'channels': {
      if (!isChannels(value)) return undefined;
      const entries = (field.matrix?.categories ?? []).flatMap(({ category, channels }) => {
        const chosen = channels.filter((c) => value[category]?.includes(c));
        return chosen.length > 0 ? [[category, chosen] as const] : [];
      });
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    default:
      return unhandled(field.type);
  }
}

/**
 * Turns the form's values into the nested Lead the Worker expects: trimmed,
 * in the spec's option order, with every unanswered optional value left out.
 */
export function toLead(spec: FormSpec, values: FormValues): Lead {
  const lead: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const value = leadValue(field, values[field.name]);
    if (value === undefined) continue;
    const [head, key] = field.name.split('.') as [string, string | undefined];
    if (key === undefined) {
      lead[head] = value;
      continue;
    }
    const group = (lead[head] ??= {}) as Record<string, unknown>;
    group[key] = value;
  }
  lead.language ??= spec.locale;
  return lead as Lead;
}
