import { describe, expect, it } from 'vitest';
import { contactSpec, field, fullSpec } from '../../test-support/full-spec';
import { layoutFields } from './layout-fields';

const shape = (spec = fullSpec) =>
  layoutFields(spec).map((b) =>
    b.kind === 'field'
      ? b.field.name
      : b.kind === 'row'
        ? `${b.shape}(${b.fields.map((f) => f.name).join(',')})`
        : { rule: b.rule.kind, prefix: b.prefix, required: b.required, fields: b.fields.map((f) => f.name) },
  );

describe('layoutFields', () => {
  it('puts first and last name side by side', () => {
    expect(shape()[0]).toBe('even(firstName,lastName)');
  });

  it('renders an all-or-none rule as one group where its first field stands', () => {
    const names = shape();
    expect(names.slice(1, 6)).toEqual([
      'email',
      'phone',
      'gender',
      'birthDate',
      {
        rule: 'all-or-none',
        prefix: 'address',
        required: false,
        fields: ['address.street', 'address.houseNumber', 'address.zipCode', 'address.city', 'address.countryCode'],
      },
    ]);
    expect(names[6]).toBe('note');
  });

  it('pairs street with house number and zip code with city inside the address group', () => {
    const group = layoutFields(fullSpec).find((b) => b.kind === 'group');
    expect(group?.kind === 'group' && group.blocks.map((b) => b.kind)).toEqual(['row', 'row', 'field']);
  });

  it('marks a group required when one of its fields is', () => {
    const spec = { ...fullSpec, fields: fullSpec.fields.map((f) => (f.name === 'address.city' ? { ...f, required: true } : f)) };
    expect(layoutFields(spec).some((b) => b.kind === 'group' && b.required)).toBe(true);
  });

  it('does not pair fields the spec keeps apart', () => {
    const spec = { ...fullSpec, rules: [], fields: [field('firstName', 'text'), field('email', 'email'), field('lastName', 'text')] };
    expect(shape(spec)).toEqual(['firstName', 'email', 'lastName']);
  });

  it('renders every field exactly once', () => {
    const names = layoutFields(fullSpec).flatMap(function flat(b): string[] {
      return b.kind === 'field' ? [b.field.name] : b.kind === 'row' ? b.fields.map((f) => f.name) : b.blocks.flatMap(flat);
    });
    expect(names).toEqual(fullSpec.fields.map((f) => f.name));
  });

  it('renders an at-least-one rule as one required group where its first field stands', () => {
    expect(shape(contactSpec)).toEqual([
      'even(firstName,lastName)',
      { rule: 'at-least-one', prefix: undefined, required: true, fields: ['email', 'phone'] },
      'note',
    ]);
  });

  it('leaves a rule’s field out of its group when the spec lacks it', () => {
    const spec = { ...contactSpec, rules: [{ kind: 'at-least-one' as const, name: 'contact', fields: ['mobile', 'email', 'phone'] }] };
    expect(shape(spec)[1]).toEqual({ rule: 'at-least-one', prefix: undefined, required: true, fields: ['email', 'phone'] });
  });

  it('renders no group for a rule none of whose fields the spec has', () => {
    const spec = { ...contactSpec, rules: [{ kind: 'at-least-one' as const, name: 'contact', fields: ['mobile', 'fax'] }] };
    expect(shape(spec)).toEqual(['even(firstName,lastName)', 'email', 'phone', 'note']);
  });
});
