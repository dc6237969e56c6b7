import { describe, expect, it } from 'vitest';
import { describeJsonError, lineColumnAt } from './json-error-position';

function syntaxErrorOf(text: string): SyntaxError {
  try {
    JSON.parse(text);
  } catch (error) {
    return error as SyntaxError;
  }
  throw new Error('expected the text not to be JSON');
}

describe('lineColumnAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('{}', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('{\n  "a": 1,\n  }', 14)).toEqual({ line: 3, column: 3 });
  });
});

describe('describeJsonError', () => {
  it('names the file, line and column of a trailing comma', () => {
    const text = '{\n  "forms": [\n    { "id": "a", }\n  ]\n}\n';
    expect(describeJsonError('forms.json', text, syntaxErrorOf(text))).toMatch(/^forms\.json:3:18: Expected double-quoted property name$/);
  });

  it('keeps a message without a position', () => {
    expect(describeJsonError('forms.json', '', new SyntaxError('Unexpected end of JSON input'))).toBe('forms.json: Unexpected end of JSON input');
  });
});
