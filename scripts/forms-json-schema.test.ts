import { readFileSync } from 'node:fs';
import type { Json } from '@hyperjump/json-pointer';
import { registerSchema, validate } from '@hyperjump/json-schema/draft-07';
import { BASIC } from '@hyperjump/json-schema/experimental';
import { describe, expect, it } from 'vitest';
import { formsJsonSchema } from './forms-json-schema';

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
const SCHEMA_URI = 'https://leadgate.test/forms.schema.json';
registerSchema(readJson('forms.schema.json') as Parameters<typeof registerSchema>[0], SCHEMA_URI);
const check = (file: unknown) => validate(SCHEMA_URI, file as Json, BASIC);

describe('forms.schema.json', () => {
  it('is what `npm run forms:schema` writes from the forms schema now', () => {
    expect(readJson('forms.schema.json')).toEqual(formsJsonSchema());
  });

  it.each(['demo-forms.json', 'tests/test-forms.json'])('accepts %s', async (path) => {
    // On failure the diff lists the errors, each with its instance location.
    expect(await check(readJson(path))).toEqual({ valid: true });
  });

  it('accepts the empty forms.json `scripts/ensure.mjs` writes for a Worker whose forms are all in D1', async () => {
    expect(await check({ $schema: './forms.schema.json', forms: [] })).toEqual({ valid: true });
  });

  it('refuses a misspelt key and a form without its vendor’s connection', async () => {
    const forms = readJson('demo-forms.json') as { forms: Record<string, Json>[] };
    const [first] = forms.forms;
    const { connection: _, ...withoutConnection } = first!;
    expect((await check({ forms: [{ ...first, alowedOrigins: [] }] })).valid).toBe(false);
    expect((await check({ forms: [withoutConnection] })).valid).toBe(false);
  });
});
