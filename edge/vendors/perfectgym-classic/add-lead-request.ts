// COMMUNITY, NOT VENDOR-DOCUMENTED. PerfectGym documents no v2 lead endpoint offline (the v1
// `Crm/Lead` it did document was switched off); this path, body and answer are what several
// public integrations send and read (../shared/vendors/NOTES.md, section 4.2). Everything the
// adapter knows about AddLead's shape is in this one file, so that a gym's own Swagger page
// (`https://<installation>/Api/Docs`) can be checked against it and any difference fixed here.
import * as v from 'valibot';
import type { Lead } from '../../../shared/lead';
import { type PhoneCountry, toE164 } from '../phone-e164';
import type { DeliveryMeta } from '../vendor-adapter';
import type { PerfectGymClassicAgreement, PerfectGymClassicDefaults } from './perfectgym-classic-config';

/** COMMUNITY: "AddLead is in v2.1, the rest in v2.2"; one integration posts to v2.2 instead. */
export const ADD_LEAD_PATH = '/Api/v2.1/Crm2/AddLead';

/** COMMUNITY: the body seen across integrations; `consultantId` exists too, Leadgate never sets it. */
export interface AddLeadRequest {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  clubId: number;
  sourceId?: number;
  campaignId?: number;
  inquiredViaId?: number;
  agreements?: { id: number; hasAgreed: boolean }[];
}

/** COMMUNITY: the created lead's id is `leadId` (one integration also tries `Id`). */
export const AddLeadAnswerSchema = v.object({ leadId: v.union([v.number(), v.pipe(v.string(), v.minLength(1))]) });

/**
 * COMMUNITY: integrations strip separators and add the country code before AddLead, since the
 * vendor answers `PhoneNumberInvalid` otherwise; GUESS: it wants E.164. A number without its
 * country code takes the form's default country; undefined when it cannot be read as E.164.
 */
export function addLeadPhone(phone: string, defaultCountry: PhoneCountry | undefined): string | undefined {
  return toE164(phone, defaultCountry);
}

/**
 * The consent checkboxes as agreements. Privacy is always asked, so its agreement is always
 * sent; the marketing agreement only when the form asks for it (`consent.marketing: "single"`):
 * a box the visitor never saw is no refusal to report.
 */
function agreementsOf(lead: Lead, agreements: readonly PerfectGymClassicAgreement[], marketing: DeliveryMeta['marketing']) {
  return agreements
    .filter((agreement) => agreement.field === 'privacy' || marketing === 'single')
    .map((agreement) => ({ id: agreement.id, hasAgreed: lead.consent?.[agreement.field] === true }));
}

export interface AddLeadSetup {
  readonly clubId: number;
  readonly defaults: PerfectGymClassicDefaults;
  readonly agreements: readonly PerfectGymClassicAgreement[];
  readonly defaultCountry: PhoneCountry | undefined;
}

/**
 * Maps a validated Lead whose phone, if any, `addLeadPhone` reads. AddLead has no note, so
 * neither the visitor's message nor the attribution block can travel; the campaign is the
 * form's `defaults.campaignId`.
 */
export function toAddLeadRequest(lead: Lead, setup: AddLeadSetup, marketing: DeliveryMeta['marketing']): AddLeadRequest {
  const agreements = agreementsOf(lead, setup.agreements, marketing);
  const phone = lead.phone ? addLeadPhone(lead.phone, setup.defaultCountry) : undefined;
  const { sourceId, campaignId, inquiredViaId } = setup.defaults;
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? '',
    email: lead.email ?? '',
    ...(phone ? { phone } : {}),
    clubId: setup.clubId,
    ...(sourceId === undefined ? {} : { sourceId }),
    ...(campaignId === undefined ? {} : { campaignId }),
    ...(inquiredViaId === undefined ? {} : { inquiredViaId }),
    ...(agreements.length > 0 ? { agreements } : {}),
  };
}
