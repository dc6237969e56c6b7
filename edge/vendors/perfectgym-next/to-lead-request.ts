import type { Lead } from '../../../shared/lead';
import { attributionNote, campaignOf } from '../attribution-note';
import type { DeliveryMeta } from '../vendor-adapter';
import { LIMITS } from './describe-lead-config';
import type { LeadConfig } from './lead-config';
import type { ExtraField, OpenApiAttributionConfig } from './perfectgym-next-config';

const GENDER = { female: 'FEMALE', male: 'MALE', diverse: 'UNISEX' } as const;

type AdditionalValue = { additionalFieldId: number; value?: string; values?: string[] };
type ChannelPreference = { communicationChannel: string; customerOverridable?: boolean; active: boolean };

/** The finer address parts, as documented beside the five the vendor requires. */
const ADDRESS_PARTS = [
  'province',
  'provinceCode',
  'secondStreet',
  'cityPart',
  'district',
  'streetType',
  'streetBlock',
  'portal',
  'stairway',
  'door',
  'additionalAddressInformation',
  'floor',
  'buildingName',
] as const;
type AddressPart = (typeof ADDRESS_PARTS)[number];

/**
 * GUESS: the vendor names no message category as marketing. These two are the ones a
 * visitor opts into for advertising; CONTRACT, GENERAL and APPOINTMENT are about the
 * membership itself, so a marketing checkbox never switches them off.
 */
export const MARKETING_CATEGORIES: readonly string[] = ['NEWSLETTER', 'LOYALTY_PROGRAM'];

/** What the form sends beyond the defaults: its `extraFields`, and a country for the language. */
export interface ExtraRequestFields {
  readonly extraFields: readonly ExtraField[];
  readonly languageCountryCode: string | undefined;
}

/** The body of `POST /v1/leads/validate` and `/v1/leads/create`. */
export interface LeadRequest {
  leadCustomer: {
    thirdPartyId: string;
    firstname: string;
    secondFirstname?: string;
    lastname: string;
    secondLastname?: string;
    email: string;
    telephone?: string;
    gender?: (typeof GENDER)[keyof typeof GENDER];
    dateOfBirth?: string;
    language?: { languageCode: string; countryCode?: string };
  };
  address?: { street: string; houseNumber: string; zipCode: string; city: string; countryCode: string } & Partial<Record<AddressPart, string>>;
  communicationPreferences?: { messageCategory: string; channels: ChannelPreference[] }[];
  additionalInformation?: AdditionalValue[];
  notes?: string;
  /** "The external ID of the Campaign associated with the lead". */
  externalIdentifier?: string;
}

function additionalInformation(lead: Lead, config: LeadConfig): AdditionalValue[] {
  const answers: AdditionalValue[] = [];
  for (const field of config.additionalInformation) {
    const answer = lead.custom?.[String(field.additionalFieldId)];
    if (answer === undefined || field.mode === 'INACTIVE') continue;
    const additionalFieldId = field.additionalFieldId;
    if (Array.isArray(answer)) answers.push({ additionalFieldId, values: [...answer] });
    else answers.push({ additionalFieldId, value: String(answer) }); // booleans as 'true' / 'false'
  }
  return answers;
}

/**
 * Every category the studio configured, each channel the visitor may choose as chosen,
 * the others as the studio set them. A category the visitor changed in the matrix is
 * taken as they left it; one marketing checkbox (or an untouched matrix) decides only
 * the marketing categories, opt-in; every other category keeps the studio's default.
 * The vendor wants the whole nested structure back.
 */
function communicationPreferences(lead: Lead, config: LeadConfig, marketing: DeliveryMeta['marketing']) {
  if (marketing === 'none' || config.communicationPreferences.length === 0) return undefined;
  return config.communicationPreferences.map(({ messageCategory, channels }) => {
    const changed = marketing === 'matrix' ? lead.consent?.channels?.[messageCategory] : undefined;
    const isMarketing = MARKETING_CATEGORIES.includes(messageCategory);
    return {
      messageCategory,
      channels: channels.map((channel): ChannelPreference => {
        const studioDefault = channel.active === true;
        const choosable = channel.customerOverridable !== false;
        let active = studioDefault;
        if (choosable && changed) active = changed.includes(channel.communicationChannel);
        else if (choosable && isMarketing) active = marketing === 'single' ? lead.consent?.marketing === true : false;
        return {
          communicationChannel: channel.communicationChannel,
          ...(channel.customerOverridable !== undefined ? { customerOverridable: channel.customerOverridable } : {}),
          active,
        };
      }),
    };
  });
}

/** The page's campaign as the studio spells it, when it is one of the form's known campaign ids. */
function knownCampaign(lead: Lead, attribution: OpenApiAttributionConfig): string | undefined {
  const campaign = campaignOf(lead.attribution, attribution)?.toLowerCase();
  return campaign === undefined ? undefined : attribution.campaigns?.find((id) => id.toLowerCase() === campaign);
}

/**
 * Maps a validated Lead to PerfectGym's documented request shape. The page's
 * campaign becomes `externalIdentifier` when the form knows it as one of the
 * studio's campaigns; the attribution block follows the visitor's message in
 * `notes`. The documented fields Leadgate does not send by default go only when
 * the form switched them on.
 */
export function toLeadRequest(
  lead: Lead,
  config: LeadConfig,
  meta: DeliveryMeta,
  attribution: OpenApiAttributionConfig,
  extra: ExtraRequestFields = { extraFields: [], languageCountryCode: undefined },
): LeadRequest {
  const on = (field: ExtraField) => extra.extraFields.includes(field);
  const language = lead.language
    ? { languageCode: lead.language, ...(extra.languageCountryCode ? { countryCode: extra.languageCountryCode } : {}) }
    : undefined;
  const request: LeadRequest = {
    leadCustomer: {
      thirdPartyId: meta.submissionId,
      firstname: lead.firstName ?? '',
      ...(on('secondFirstName') && lead.secondFirstName ? { secondFirstname: lead.secondFirstName } : {}),
      lastname: lead.lastName ?? '',
      ...(on('secondLastName') && lead.secondLastName ? { secondLastname: lead.secondLastName } : {}),
      email: lead.email ?? '',
      ...(lead.phone ? { telephone: lead.phone } : {}),
      ...(lead.gender ? { gender: GENDER[lead.gender] } : {}),
      ...(lead.birthDate ? { dateOfBirth: lead.birthDate } : {}),
      ...(language ? { language } : {}),
    },
  };
  const a = lead.address;
  if (a?.street && a.houseNumber && a.zipCode && a.city && a.countryCode) {
    request.address = { street: a.street, houseNumber: a.houseNumber, zipCode: a.zipCode, city: a.city, countryCode: a.countryCode };
    // The finer parts only within a whole address: the vendor takes none without the five.
    for (const part of ADDRESS_PARTS) {
      const value = a[part];
      if (value && on(`address.${part}`)) request.address[part] = value;
    }
  }
  const preferences = communicationPreferences(lead, config, meta.marketing);
  if (preferences) request.communicationPreferences = preferences;
  const answers = additionalInformation(lead, config);
  if (answers.length > 0) request.additionalInformation = answers;
  const notes = attributionNote(lead.note, lead.attribution, attribution, LIMITS.note);
  if (notes) request.notes = notes;
  const campaign = knownCampaign(lead, attribution);
  if (campaign) request.externalIdentifier = campaign;
  return request;
}
