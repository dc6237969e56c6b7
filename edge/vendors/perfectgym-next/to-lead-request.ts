import type { Lead } from '../../../shared/lead';
import type { AttributionConfig } from '../../config/attribution-config';
import { attributionNote, campaignOf } from '../attribution-note';
import type { DeliveryMeta } from '../vendor-adapter';
import { LIMITS } from './describe-lead-config';
import type { LeadConfig } from './lead-config';

const GENDER = { female: 'FEMALE', male: 'MALE', diverse: 'UNISEX' } as const;

type AdditionalValue = { additionalFieldId: number; value?: string; values?: string[] };
type ChannelPreference = { communicationChannel: string; customerOverridable?: boolean; active: boolean };

/** The body of `POST /v1/leads/validate` and `/v1/leads/create`. */
export interface LeadRequest {
  leadCustomer: {
    thirdPartyId: string;
    firstname: string;
    lastname: string;
    email: string;
    telephone?: string;
    gender?: (typeof GENDER)[keyof typeof GENDER];
    dateOfBirth?: string;
    language?: { languageCode: string };
  };
  address?: { street: string; houseNumber: string; zipCode: string; city: string; countryCode: string };
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
 * Every category the studio configured, each channel as the visitor chose it
 * (one "marketing" tick means all of them) or, where the visitor may not choose,
 * as the studio set it. The vendor wants the whole nested structure back.
 */
function communicationPreferences(lead: Lead, config: LeadConfig, marketing: DeliveryMeta['marketing']) {
  if (marketing === 'none' || config.communicationPreferences.length === 0) return undefined;
  return config.communicationPreferences.map(({ messageCategory, channels }) => ({
    messageCategory,
    channels: channels.map((channel): ChannelPreference => {
      const choosable = channel.customerOverridable !== false;
      const chosen =
        marketing === 'single'
          ? lead.consent?.marketing === true
          : (lead.consent?.channels?.[messageCategory]?.includes(channel.communicationChannel) ?? false);
      return {
        communicationChannel: channel.communicationChannel,
        ...(channel.customerOverridable !== undefined ? { customerOverridable: channel.customerOverridable } : {}),
        active: choosable ? chosen : channel.active === true,
      };
    }),
  }));
}

/**
 * Maps a validated Lead to PerfectGym's documented request shape. The page's
 * campaign becomes `externalIdentifier`; the attribution block follows the
 * visitor's message in `notes`.
 */
export function toLeadRequest(lead: Lead, config: LeadConfig, meta: DeliveryMeta, attribution: AttributionConfig): LeadRequest {
  const request: LeadRequest = {
    leadCustomer: {
      thirdPartyId: meta.submissionId,
      firstname: lead.firstName ?? '',
      lastname: lead.lastName ?? '',
      email: lead.email ?? '',
      ...(lead.phone ? { telephone: lead.phone } : {}),
      ...(lead.gender ? { gender: GENDER[lead.gender] } : {}),
      ...(lead.birthDate ? { dateOfBirth: lead.birthDate } : {}),
      ...(lead.language ? { language: { languageCode: lead.language } } : {}),
    },
  };
  const a = lead.address;
  if (a?.street && a.houseNumber && a.zipCode && a.city && a.countryCode) {
    request.address = { street: a.street, houseNumber: a.houseNumber, zipCode: a.zipCode, city: a.city, countryCode: a.countryCode };
  }
  const preferences = communicationPreferences(lead, config, meta.marketing);
  if (preferences) request.communicationPreferences = preferences;
  const answers = additionalInformation(lead, config);
  if (answers.length > 0) request.additionalInformation = answers;
  const notes = attributionNote(lead.note, lead.attribution, attribution, LIMITS.note);
  if (notes) request.notes = notes;
  const campaign = campaignOf(lead.attribution, attribution);
  if (campaign) request.externalIdentifier = campaign;
  return request;
}
