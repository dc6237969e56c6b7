import { describe, expect, it } from 'vitest';
import { ADMIN_ERROR_CODES, ERROR_CODES, FIELD_ERROR_CODES, SILENT_ERROR_CODES } from '../../shared/error-codes';
import { GENDERS } from '../../shared/lead';
import { LOCALES } from '../../shared/locales';
import { CATALOG } from './catalog';
import { createTranslator } from './create-translator';
import { de } from './de';
import { en } from './en';

const PLACEHOLDER = /\{(\w+)\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();

describe('widget messages', () => {
  it.each(LOCALES)('has the same keys in %s as in English', (locale) => {
    expect(Object.keys(CATALOG[locale]).sort()).toEqual(Object.keys(en).sort());
  });

  it('ships every locale the contract names', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('has a non-empty %s text for every key', (locale) => {
    for (const text of Object.values(CATALOG[locale])) expect(text.trim()).not.toBe('');
  });

  it.each(LOCALES)('has a %s text for every field error code', (locale) => {
    const t = createTranslator(locale, CATALOG[locale]);
    for (const code of FIELD_ERROR_CODES) expect(t.find(`error.${code}`), code).toBeTruthy();
  });

  it.each(LOCALES)('has a %s text for every top-level error code a visitor can meet', (locale) => {
    const t = createTranslator(locale, CATALOG[locale]);
    const adminOnly: readonly string[] = [...ADMIN_ERROR_CODES, ...SILENT_ERROR_CODES];
    for (const code of Object.keys(ERROR_CODES).filter((c) => !adminOnly.includes(c))) expect(t.find(`code.${code}`), code).toBeTruthy();
  });

  it.each(LOCALES)('has %s labels for every gender the Lead allows', (locale) => {
    const t = createTranslator(locale, CATALOG[locale]);
    for (const gender of GENDERS) expect(t.find(`gender.${gender}`)).toBeTruthy();
  });

  it('words every group it names completely: legend, help and the error when none is given', () => {
    const groups = Object.keys(en).flatMap((key) => /^group\.(\w+)$/.exec(key)?.slice(1) ?? []);
    expect(groups).toContain('contact');
    for (const name of groups) expect(Object.keys(en)).toEqual(expect.arrayContaining([`group.${name}.help`, `error.one_required.${name}`]));
  });

  it.each(LOCALES)('uses the same placeholders in %s as in English', (locale) => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(CATALOG[locale][key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    const t = createTranslator('en', en);
    expect(t.text('error.too_long', { max: 40 })).toBe('Please use at most 40 characters.');
    expect(t.text('form.privacy')).toContain('{link}');
  });

  it('speaks to German visitors informally', () => {
    const formal = /\b(Sie|Ihre?[mnrs]?)\b/;
    for (const [key, text] of Object.entries(de)) expect(formal.test(text), key).toBe(false);
  });
});
