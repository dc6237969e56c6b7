import { describe, expect, it } from 'vitest';
import { readAttribution, withAttribution } from './read-attribution';

const page = (href: string) => ({ href, search: new URL(href).search });

describe('readAttribution', () => {
  it('reads the campaign parameters, the referrer and the landing page without its fragment', () => {
    expect(readAttribution(page('https://gym.example/trial?utm_campaign=spring-2026&utm_source=ig&gclid=G1&x=1#form'), 'https://www.google.com/')).toEqual({
      utm_campaign: 'spring-2026',
      utm_source: 'ig',
      gclid: 'G1',
      referrer: 'https://www.google.com/',
      landingPage: 'https://gym.example/trial?utm_campaign=spring-2026&utm_source=ig&gclid=G1&x=1',
    });
  });

  it('leaves out empty parameters and clips overlong ones to what the Worker accepts', () => {
    const result = readAttribution(page(`https://gym.example/?utm_term=&utm_content=${'a'.repeat(600)}`), '');
    expect(result.utm_term).toBeUndefined();
    expect(result.utm_content).toHaveLength(500);
    expect(result.referrer).toBeUndefined();
  });

  it('adds the attribution to the lead', () => {
    expect(withAttribution({ firstName: 'Max' }, { utm_campaign: 'x' })).toEqual({ firstName: 'Max', attribution: { utm_campaign: 'x' } });
  });
});
