import type * as v from 'valibot';
import { SecretNameSchema } from '../config/config-schemas';
import type { Walkable } from './allowed-keys';
import { type FormConfig, FormConfigSchema } from './form-config';

function collect(schema: Walkable, value: unknown, names: Set<string>): void {
  if (value === undefined || value === null) return;
  if ((schema as unknown) === SecretNameSchema) {
    if (typeof value === 'string') names.add(value);
    return;
  }
  if (schema.wrapped) return collect(schema.wrapped as Walkable, value, names);
  if (schema.type === 'variant' && schema.key !== undefined && typeof value === 'object') {
    const tag = Reflect.get(value, schema.key);
    const option = (schema.options as readonly Walkable[]).find((o) => (o.entries?.[schema.key!] as Walkable | undefined)?.literal === tag);
    if (option) collect(option, value, names);
    return;
  }
  // A union's options are walked alike: a secret name is only taken where its own schema stands.
  if (schema.type === 'union') {
    for (const option of schema.options as readonly Walkable[]) collect(option, value, names);
    return;
  }
  if (typeof value !== 'object') return;
  if (schema.entries) {
    for (const [key, entry] of Object.entries(schema.entries)) collect(entry as Walkable, Reflect.get(value, key), names);
  } else if (schema.item && Array.isArray(value)) {
    for (const item of value) collect(schema.item as Walkable, item, names);
  } else if (schema.value) {
    for (const item of Object.values(value)) collect(schema.value as Walkable, item, names);
  }
}

/**
 * The names of the Worker secrets a checked form names: every value its
 * schema takes as a `SecretNameSchema` (an API key's, a client secret's, a
 * Turnstile secret's…), whichever vendor. Sorted, each once.
 */
export function secretNamesOf(form: FormConfig): string[] {
  const names = new Set<string>();
  collect(FormConfigSchema as v.GenericSchema as Walkable, form, names);
  return [...names].sort();
}

/** The secrets a form names that the Worker does not have (unset or empty), sorted. */
export function missingSecretsOf(form: FormConfig, env: Env): string[] {
  return secretNamesOf(form).filter((name) => {
    const value: unknown = Reflect.get(env, name);
    return typeof value !== 'string' || value === '';
  });
}
