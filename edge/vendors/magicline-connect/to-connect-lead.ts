import type { Lead } from '../../../shared/lead';
import type { AttributionConfig } from '../../config/attribution-config';
import { attributionNote, campaignOf } from '../attribution-note';
import type { DeliveryMeta } from '../vendor-adapter';
import type { StudioRules } from './connect-rules';
import { LIMITS } from './describe-connect-form';

const GENDER = { female: 'FEMALE', male: 'MALE', diverse: 'UNISEX' } as const;
// Connect wants a language with a country ("de_DE"); the widget knows the language.
const LOCALES: Record<string, string> = { de: 'de_DE', en: 'en_GB', nl: 'nl_NL', pl: 'pl_PL', es: 'es_ES', fr: 'fr_FR', it: 'it_IT', tr: 'tr_TR' };
const PRIVACY = { email: 'EMAIL', letter: 'LETTER', phone: 'PHONE', textMessage: 'TEXT_MESSAGE', mySportsMessage: 'MYSPORTS_MESSAGE' } as const;

/** The body of `POST /connect/v1/lead` (ConnectApiCreateLeadDto). */
export interface ConnectLead {
  studioId: number;
  firstname: string;
  lastname: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  gender?: (typeof GENDER)[keyof typeof GENDER];
  street?: string;
  houseNumber?: string;
  zipCode?: string;
  city?: string;
  countryCode?: string;
  taxId?: string;
  locale?: string;
  notes?: string;
  sourceCampaignId?: number;
  communicationPreferences?: { messageCategoryId: number; activeCommunicationChannels: string[] }[];
  privacyConfiguration?: Record<keyof typeof PRIVACY, boolean>;
}

/**
 * The channels the visitor opted into per category of this studio: chosen ones (the form knows a
 * category by its name), or every choosable one with one tick.
 */
function chosenChannels(lead: Lead, studio: StudioRules, marketing: DeliveryMeta['marketing']): Map<number, Set<string>> {
  const byName = lead.consent?.channels ?? {};
  return new Map(
    studio.categories.map((category) => {
      const choosable = category.channels.filter((c) => c.overridable).map((c) => c.channel);
      const chosen = marketing === 'single' ? (lead.consent?.marketing ? choosable : []) : Object.hasOwn(byName, category.name) ? byName[category.name]! : [];
      return [category.id, new Set(chosen.filter((c) => choosable.includes(c)))];
    }),
  );
}

/**
 * Maps a validated Lead for one studio. Marketing consent becomes both the
 * communication preferences (one entry per message category of the studio, as
 * the docs require, each with that studio's `databaseId`; GUESS: the only id
 * communication-settings gives is the `messageCategoryId` the lead wants) and
 * the privacy configuration for marketing. The page's
 * campaign is matched to one of the studio's campaigns by its external
 * identifier; the attribution block follows the visitor's message in `notes`.
 */
export function toConnectLead(
  lead: Lead,
  studioId: number,
  studio: StudioRules,
  marketing: DeliveryMeta['marketing'],
  attribution: AttributionConfig,
): ConnectLead {
  // The DTO requires both names but allows them empty (minLength 0). GUESS: Connect takes a lead
  // with empty names, as a nameMode short of MANDATORY lets the visitor leave them out.
  const body: ConnectLead = { studioId, firstname: lead.firstName ?? '', lastname: lead.lastName ?? '' };
  if (lead.email) body.email = lead.email;
  if (lead.phone) body.phone = lead.phone;
  if (lead.birthDate) body.dateOfBirth = lead.birthDate;
  if (lead.gender) body.gender = GENDER[lead.gender];
  const a = lead.address;
  if (a?.street) body.street = a.street;
  if (a?.houseNumber) body.houseNumber = a.houseNumber;
  if (a?.zipCode) body.zipCode = a.zipCode;
  if (a?.city) body.city = a.city;
  if (a?.countryCode) body.countryCode = a.countryCode;
  if (lead.taxId) body.taxId = lead.taxId;
  const locale = lead.language ? LOCALES[lead.language] : undefined;
  if (locale) body.locale = locale;
  const notes = attributionNote(lead.note, lead.attribution, attribution, LIMITS.notes);
  if (notes) body.notes = notes;
  const campaign = campaignOf(lead.attribution, attribution);
  const match = campaign ? studio.campaigns.find((c) => c.externalIdentifier.toLowerCase() === campaign.toLowerCase()) : undefined;
  if (match) body.sourceCampaignId = match.id;
  if (marketing !== 'none' && studio.categories.length > 0) {
    const chosen = chosenChannels(lead, studio, marketing);
    body.communicationPreferences = studio.categories.map((category) => ({
      messageCategoryId: category.id,
      activeCommunicationChannels: category.channels.filter((c) => (c.overridable ? chosen.get(category.id)?.has(c.channel) : c.active)).map((c) => c.channel),
    }));
    const optedIn = new Set([...chosen.values()].flatMap((set) => [...set]));
    body.privacyConfiguration = Object.fromEntries(
      Object.entries(PRIVACY).map(([key, channel]) => [key, optedIn.has(channel)]),
    ) as ConnectLead['privacyConfiguration'];
  }
  return body;
}
