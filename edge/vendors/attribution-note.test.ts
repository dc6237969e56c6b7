import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../shared/attribution';
import { AttributionConfigSchema, DEFAULT_ATTRIBUTION } from '../config/attribution-config';
import { ATTRIBUTION_SEPARATOR, attributionLines, attributionNote, campaignOf } from './attribution-note';

const full: Attribution = {
  utm_source: 'instagram',
  utm_medium: 'cpc',
  utm_campaign: 'spring-2026',
  utm_term: 'probetraining',
  utm_content: 'CMPGN-123',
  gclid: 'g-1',
  fbclid: 'f-2',
  referrer: 'https://www.instagram.com/',
  landingPage: 'https://www.gym.example/trial?utm_source=instagram',
};

describe('attributionLines', () => {
  it('writes one English line per value, source and medium together, click ids together', () => {
    expect(attributionLines(full, DEFAULT_ATTRIBUTION)).toEqual([
      'Source: instagram / cpc',
      'Campaign: spring-2026',
      'Term: probetraining',
      'Content: CMPGN-123',
      'Click id: gclid=g-1, fbclid=f-2',
      'Referrer: https://www.instagram.com/',
      'Landing page: https://www.gym.example/trial?utm_source=instagram',
    ]);
  });

  it('shows the configured campaign parameter as the campaign and utm_campaign as its name', () => {
    expect(attributionLines(full, { campaign: 'utm_content', notes: true }).slice(0, 4)).toEqual([
      'Source: instagram / cpc',
      'Campaign: CMPGN-123',
      'Campaign name: spring-2026',
      'Term: probetraining',
    ]);
  });

  it('names a medium without a source as a medium', () => {
    expect(attributionLines({ utm_medium: 'email' }, DEFAULT_ATTRIBUTION)).toEqual(['Medium: email']);
  });

  it('has no lines without attribution', () => {
    expect(attributionLines(undefined, DEFAULT_ATTRIBUTION)).toEqual([]);
    expect(attributionLines({}, DEFAULT_ATTRIBUTION)).toEqual([]);
  });
});

describe('attributionNote', () => {
  it('puts the visitor’s message first, then a blank line, the separator and the lines', () => {
    expect(attributionNote('Mornings suit me', { utm_source: 'instagram', utm_medium: 'cpc' }, DEFAULT_ATTRIBUTION, 1000)).toBe(
      `Mornings suit me\n\n${ATTRIBUTION_SEPARATOR}\nSource: instagram / cpc`,
    );
  });

  it('is the block alone when the visitor wrote nothing', () => {
    expect(attributionNote(undefined, { utm_campaign: 'spring-2026' }, DEFAULT_ATTRIBUTION, 1000)).toBe(`${ATTRIBUTION_SEPARATOR}\nCampaign: spring-2026`);
  });

  it('leaves the message as it was without attribution or with notes off', () => {
    expect(attributionNote('Hi', undefined, DEFAULT_ATTRIBUTION, 1000)).toBe('Hi');
    expect(attributionNote(undefined, {}, DEFAULT_ATTRIBUTION, 1000)).toBeUndefined();
    expect(attributionNote('Hi', full, { ...DEFAULT_ATTRIBUTION, notes: false }, 1000)).toBe('Hi');
    expect(attributionNote(undefined, full, { ...DEFAULT_ATTRIBUTION, notes: false }, 1000)).toBeUndefined();
  });

  it('shortens the block from its end, never the message, and cuts the last line that still fits in part', () => {
    const message = 'm'.repeat(100);
    const head = `${message}\n\n${ATTRIBUTION_SEPARATOR}\nSource: instagram / cpc\nCampaign: spring-2026\n`;
    const max = head.length + 'Term: probetrain…'.length;
    expect(attributionNote(message, full, DEFAULT_ATTRIBUTION, max)).toBe(`${head}Term: probetrain…`);
  });

  it('drops a line it would have to cut to less than its label and ten characters', () => {
    const head = `Hi\n\n${ATTRIBUTION_SEPARATOR}\nSource: instagram / cpc`;
    expect(attributionNote('Hi', full, DEFAULT_ATTRIBUTION, head.length + 1 + 'Campaign: spring'.length)).toBe(head);
  });

  it('adds no separator alone when not even one line fits, and leaves an over-long message whole', () => {
    const message = 'x'.repeat(990);
    expect(attributionNote(message, full, DEFAULT_ATTRIBUTION, 1000)).toBe(message);
    expect(attributionNote('y'.repeat(1200), full, DEFAULT_ATTRIBUTION, 1000)).toBe('y'.repeat(1200));
  });

  it('never cuts through a character outside the BMP', () => {
    const note = attributionNote('Hi', { utm_source: '😀'.repeat(40) }, DEFAULT_ATTRIBUTION, 61)!;
    expect(note).toBe(`Hi\n\n${ATTRIBUTION_SEPARATOR}\nSource: ${'😀'.repeat(11)}…`);
  });
});

describe('campaignOf', () => {
  it('reads the configured parameter, or nothing when the form sends no campaign', () => {
    expect(campaignOf(full, DEFAULT_ATTRIBUTION)).toBe('spring-2026');
    expect(campaignOf(full, { campaign: 'utm_content', notes: true })).toBe('CMPGN-123');
    expect(campaignOf(full, { campaign: false, notes: true })).toBeUndefined();
    expect(campaignOf(undefined, DEFAULT_ATTRIBUTION)).toBeUndefined();
  });
});

it('uses the defaults the form config schema gives a form without settings', () => {
  expect(v.parse(AttributionConfigSchema, {})).toEqual(DEFAULT_ATTRIBUTION);
});
