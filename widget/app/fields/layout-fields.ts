import type { FieldRule, FieldSpec, FormSpec } from '../../../shared/form-spec';

/** How two fields share a row on wide screens. */
export type RowShape = 'even' | 'wide-narrow' | 'narrow-wide';

export type Block =
  | { readonly kind: 'field'; readonly field: FieldSpec }
  | { readonly kind: 'row'; readonly shape: RowShape; readonly fields: readonly [FieldSpec, FieldSpec] }
  | GroupBlock;

/** The fields of one rule, together. */
export interface GroupBlock {
  readonly kind: 'group';
  readonly rule: FieldRule;
  /** The group's common name prefix (`address`), if all its fields share one. */
  readonly prefix: string | undefined;
  /** One of its fields is required, or (at-least-one) the group as a whole is. */
  readonly required: boolean;
  /** The rule's fields the spec has, in the spec's order. */
  readonly fields: readonly FieldSpec[];
  readonly blocks: readonly Block[];
}

// Fields people expect side by side, when the spec puts them next to each other.
const PAIRS: readonly (readonly [string, string, RowShape])[] = [
  ['firstName', 'lastName', 'even'],
  ['address.street', 'address.houseNumber', 'wide-narrow'],
  ['address.zipCode', 'address.city', 'narrow-wide'],
];

function pairUp(fields: readonly FieldSpec[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const next = fields[i + 1];
    const pair = next && PAIRS.find(([a, b]) => a === field.name && b === next.name);
    if (pair && next) {
      blocks.push({ kind: 'row', shape: pair[2], fields: [field, next] });
      i++;
    } else {
      blocks.push({ kind: 'field', field });
    }
  }
  return blocks;
}

function commonPrefix(fields: readonly FieldSpec[]): string | undefined {
  const heads = new Set(fields.map((f) => (f.name.includes('.') ? f.name.split('.')[0] : undefined)));
  const [only] = heads;
  return heads.size === 1 ? only : undefined;
}

/**
 * Orders the spec's fields into what the form renders: the fields of each rule
 * as one group where its first field stands, and known pairs (first/last name,
 * zip/city) as two-column rows. A rule's field the spec lacks is skipped.
 */
export function layoutFields(spec: FormSpec): Block[] {
  const groupOf = new Map<string, number>();
  spec.rules.forEach((rule, index) => {
    for (const name of rule.fields) if (!groupOf.has(name)) groupOf.set(name, index);
  });

  const blocks: Block[] = [];
  let loose: FieldSpec[] = [];
  const flush = () => {
    blocks.push(...pairUp(loose));
    loose = [];
  };
  const placed = new Set<number>();
  for (const field of spec.fields) {
    const group = groupOf.get(field.name);
    if (group === undefined) {
      loose.push(field);
      continue;
    }
    if (placed.has(group)) continue;
    placed.add(group);
    flush();
    const members = spec.fields.filter((f) => groupOf.get(f.name) === group);
    const rule = spec.rules[group]!;
    blocks.push({
      kind: 'group',
      rule,
      prefix: commonPrefix(members),
      required: rule.kind === 'at-least-one' || members.some((f) => f.required),
      fields: members,
      blocks: pairUp(members),
    });
  }
  flush();
  return blocks;
}
