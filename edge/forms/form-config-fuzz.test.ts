import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import formsJson from '../../demo-forms.json';
import { FormConfigError, parseFormsFile } from './parse-forms-file';

const formsFile = formsJson as { forms: Record<string, unknown>[] };

/** Either a valid map of forms, or one FormConfigError naming what is wrong: never another exception. */
function load(raw: unknown): ReadonlyMap<string, unknown> | FormConfigError {
  try {
    return parseFormsFile(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(FormConfigError);
    expect((error as Error).message).toMatch(/^forms\.json is invalid:\n {2}\S/);
    return error as FormConfigError;
  }
}

/** Sets `value` at a random depth inside `target`, where the path exists or one step past it. */
function mutate(target: unknown, path: readonly number[], value: unknown): unknown {
  if (typeof target !== 'object' || target === null) return value;
  const keys = Object.keys(target);
  if (path.length === 0 || keys.length === 0) return value;
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(target) ? ([...target] as unknown as Record<string, unknown>) : { ...target };
  copy[key] = path.length === 1 ? value : mutate(copy[key], path.slice(1), value);
  return copy;
}

describe('fuzzing the form config loader', () => {
  it('turns any JSON value into forms or one FormConfigError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        load(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the broken form when one value anywhere in the demo’s forms file (demo-forms.json) is changed', () => {
    fc.assert(
      fc.property(
        fc.nat(formsFile.forms.length - 1),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.constantFrom('', 'CITY_GYM_API_KEY', 'sk_live_abcdef123', 'http://', '*', -1, 1e12)),
        (index, path, value) => {
          const forms = [...formsFile.forms];
          forms[index] = mutate(forms[index], path, value) as Record<string, unknown>;
          const result = load({ forms });
          if (result instanceof FormConfigError) {
            const given = forms[index]?.id;
            const id = typeof given === 'string' && given !== '' ? `"${given}"` : `#${index + 1}`;
            expect(result.message).toContain(`form ${id}`);
          } else {
            expect(result.size).toBe(formsFile.forms.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
