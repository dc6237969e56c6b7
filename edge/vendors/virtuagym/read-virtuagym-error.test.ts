import { describe, expect, it } from 'vitest';
import { fieldErrorOf } from './read-virtuagym-error';

const fail = (message: string) => ({ status: 'fail', error: { status: 'fail', message } });

describe('a Virtuagym 400 read as a field error', () => {
  it.each([
    ['`firstname` is required.', { field: 'firstName', code: 'required' }],
    // The doc's table writes the message as "[field] is required", without backticks.
    ['firstname is required', { field: 'firstName', code: 'required' }],
    ['[lastname] is required', { field: 'lastName', code: 'required' }],
    ['Email is required', { field: 'email', code: 'required' }],
    ['mobile must not be longer than 42 characters.', { field: 'mobile', code: 'too_long' }],
    ['At least one of fields `email`, `phone` and `mobile` are required.', { field: 'contact', code: 'one_required' }],
  ])('maps "%s"', (message, error) => {
    expect(fieldErrorOf(fail(message))).toEqual(error);
  });

  it('names no field for a message about something else', () => {
    expect(fieldErrorOf(fail('Something went wrong'))).toBeUndefined();
    expect(fieldErrorOf(fail('Lead is required'))).toBeUndefined();
  });
});
