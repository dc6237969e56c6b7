import { describe, expect, it } from 'vitest';
import { closestKey, editDistance } from './closest-key';

describe('closestKey', () => {
  it('counts inserted, deleted and substituted letters', () => {
    expect(editDistance('alowedOrigins', 'allowedOrigins')).toBe(1);
    expect(editDistance('timeutMs', 'timeoutMs')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers a key in other case, then the nearest within two edits, and gives up beyond', () => {
    expect(closestKey('LABELS', ['texts', 'labels'])).toBe('labels');
    expect(closestKey('texs', ['texts', 'labels'])).toBe('texts');
    expect(closestKey('shoeSize', ['texts', 'labels'])).toBeUndefined();
  });
});
