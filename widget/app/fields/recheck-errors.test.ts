import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../shared/api-error';
import { recheckErrors, type ShownErrors } from './recheck-errors';

const groups = new Map([['contact', ['email', 'phone']]]);
const fresh = (...errors: FieldError[]) => new Map(errors.map((e) => [e.field, e]));
const oneRequired: ShownErrors = { firstName: { code: 'required', fromServer: false }, contact: { code: 'one_required', fromServer: false } };

describe('recheckErrors', () => {
  it('drops fixed errors and updates the rest, adding none', () => {
    const current: ShownErrors = { firstName: { code: 'required', fromServer: false }, note: { code: 'too_long', fromServer: false } };
    expect(recheckErrors(current, fresh({ field: 'firstName', code: 'too_long' }, { field: 'email', code: 'invalid_email' }), groups, false)).toEqual({
      firstName: { code: 'too_long', fromServer: false },
    });
  });

  it('keeps the Worker’s errors', () => {
    const current: ShownErrors = { email: { code: 'invalid_email', fromServer: true } };
    expect(recheckErrors(current, fresh(), groups, false)).toEqual(current);
  });

  it('clears a group’s error while typing as soon as one of its fields holds a valid answer', () => {
    expect(recheckErrors(oneRequired, fresh({ field: 'firstName', code: 'required' }), groups, true)).toEqual({
      firstName: { code: 'required', fromServer: false },
    });
  });

  it('keeps a group’s error while typing something not valid yet, and leaves other fields alone', () => {
    expect(recheckErrors(oneRequired, fresh({ field: 'email', code: 'invalid_email' }), groups, true)).toEqual(oneRequired);
  });

  it('hands a group’s error on to its field’s own once that field is left', () => {
    expect(recheckErrors(oneRequired, fresh({ field: 'firstName', code: 'required' }, { field: 'email', code: 'invalid_email' }), groups, false)).toEqual({
      firstName: { code: 'required', fromServer: false },
      email: { code: 'invalid_email', fromServer: false },
    });
  });
});
