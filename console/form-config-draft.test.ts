import { describe, expect, it } from 'vitest';
import { read, write } from './form-config-draft';

describe('the editor draft', () => {
  it('sets a nested key without touching the original', () => {
    const draft = { id: 'gym', texts: { de: { title: 'Alt' } } };
    const next = write(draft, 'texts.en.title', 'New');
    expect(next).toEqual({ id: 'gym', texts: { de: { title: 'Alt' }, en: { title: 'New' } } });
    expect(draft).toEqual({ id: 'gym', texts: { de: { title: 'Alt' } } });
    expect(read(next, 'texts.en.title')).toBe('New');
  });

  it('removes an emptied text and the objects it leaves empty, so the default applies again', () => {
    const draft = { id: 'gym', texts: { en: { title: 'Only' } }, rateLimit: { perClient: 5 } };
    expect(write(write(draft, 'texts.en.title', ''), 'rateLimit.perClient', undefined)).toEqual({ id: 'gym' });
  });

  it('keeps an empty list: no optional field is a choice, not a default', () => {
    expect(write({ id: 'gym' }, 'optionalFields', [])).toEqual({ id: 'gym', optionalFields: [] });
  });
});
