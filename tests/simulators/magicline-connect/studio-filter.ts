import type { ConnectStudio } from './tenants';

export interface StudioFilter {
  /** FACT: studio tag identifiers ("Standort Code"); several are combined by OR. */
  readonly studioTags: readonly string[];
  /** FACT: a prefix of the studio's zip code or city. */
  readonly addressSearchQuery?: string;
}

/**
 * FACT: `GET /connect/v2/studio` filters by tags (OR) and by an address prefix, the two combined
 * by AND. GUESS: tags match exactly, the prefix ignores case and surrounding blanks, and an empty
 * prefix filters nothing.
 */
export function filterStudios(studios: readonly ConnectStudio[], filter: StudioFilter): ConnectStudio[] {
  const prefix = filter.addressSearchQuery?.trim().toLocaleLowerCase('de-DE') ?? '';
  return studios.filter((studio) => {
    const tagged = filter.studioTags.length === 0 || (studio.studioTags ?? []).some((tag) => filter.studioTags.includes(tag.identifier));
    const address = [studio.address?.zipCode, studio.address?.city].filter((part): part is string => typeof part === 'string');
    const located = prefix === '' || address.some((part) => part.toLocaleLowerCase('de-DE').startsWith(prefix));
    return tagged && located;
  });
}
