import type * as v from 'valibot';

/** The schema kinds the forms file is built from, walked by their public properties (here and in secret-names). */
export type Walkable = {
  readonly type: string;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly wrapped?: unknown;
  readonly item?: unknown;
  readonly value?: unknown;
  readonly key?: string;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
};

/** The schema that checks `input`: through optional wrappers and, for a variant, the option its discriminator picks. */
function unwrap(schema: Walkable, input: unknown): Walkable {
  if (schema.wrapped) return unwrap(schema.wrapped as Walkable, input);
  if (schema.type === 'variant' && schema.key !== undefined && typeof input === 'object' && input !== null) {
    const tag = Reflect.get(input, schema.key);
    const option = (schema.options as readonly Walkable[]).find((o) => (o.entries?.[schema.key!] as Walkable | undefined)?.literal === tag);
    return option ? unwrap(option, input) : schema;
  }
  return schema;
}

/**
 * The keys the object schema at the end of an issue's path allows, for an
 * unknown-key issue (the path ends at the unknown key); undefined where the
 * path leads through a schema this does not walk.
 */
export function allowedKeysAt(root: v.GenericSchema, path: readonly v.IssuePathItem[]): readonly string[] | undefined {
  let schema = root as Walkable;
  for (const [index, step] of path.entries()) {
    schema = unwrap(schema, step.input);
    if (index === path.length - 1) return schema.entries ? Object.keys(schema.entries) : undefined;
    const next = schema.entries ? schema.entries[String(step.key)] : (schema.item ?? schema.value);
    if (!next) return undefined;
    schema = next as Walkable;
  }
  return undefined;
}
