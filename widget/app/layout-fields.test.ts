import { describe, expect, it } from 'vitest';
import { layoutFields } from './layout-fields';
import { field, fullSpec } from './full-spec';

const shape = (spec = fullSpec) =>
  layoutFields(spec).map((b) =>
    b.kind === 'field' ? b.field.name : b.kind === 'row' ? `${b.shape}(${b.fields.map((f) => f.name).join(',')})` : { prefix: b.prefix, required: b.required, blocks: b.blocks.length },
  );

describe('layoutFields', () => {
  it('puts first and last name side by side', () => {
    expect(shape()[0]).toBe('even(firstName,lastName)');
  });

  it('renders an all-or-none rule as one group where its first field stands', () => {
    const names = shape();
    expect(names.slice(1, 6)).toEqual(['email', 'phone', 'gender', 'birthDate', { prefix: 'address', required: false, blocks: 3 }]);
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
});
