import * as v from 'valibot';
import { AttributionSchema } from './attribution';

export const GENDERS = ['female', 'male', 'diverse'] as const;

/**
 * The canonical, vendor-neutral lead. Every form's own schema (see
 * `buildLeadSchema`) is a stricter version of this; adapters map it to their vendor.
 */
export const LeadSchema = v.object({
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  /** A second given name or family name, where the vendor keeps them apart (PerfectGym Next). */
  secondFirstName: v.optional(v.string()),
  secondLastName: v.optional(v.string()),
  email: v.optional(v.string()),
  phone: v.optional(v.string()),
  /** A second number, for vendors that keep one apart from `phone` (Virtuagym's `mobile`). */
  mobile: v.optional(v.string()),
  gender: v.optional(v.picklist(GENDERS)),
  /** YYYY-MM-DD */
  birthDate: v.optional(v.string()),
  address: v.optional(
    v.object({
      street: v.optional(v.string()),
      houseNumber: v.optional(v.string()),
      /** The additional address line (Virtuagym's `address_2`). */
      line2: v.optional(v.string()),
      zipCode: v.optional(v.string()),
      city: v.optional(v.string()),
      /** State, province or region (Virtuagym's `state`). */
      state: v.optional(v.string()),
      /** ISO 3166-1 alpha-2 */
      countryCode: v.optional(v.string()),
      // The finer parts some vendors take (PerfectGym Next's documented address), each free text.
      province: v.optional(v.string()),
      provinceCode: v.optional(v.string()),
      secondStreet: v.optional(v.string()),
      cityPart: v.optional(v.string()),
      district: v.optional(v.string()),
      streetType: v.optional(v.string()),
      streetBlock: v.optional(v.string()),
      portal: v.optional(v.string()),
      stairway: v.optional(v.string()),
      door: v.optional(v.string()),
      additionalAddressInformation: v.optional(v.string()),
      floor: v.optional(v.string()),
      buildingName: v.optional(v.string()),
    }),
  ),
  note: v.optional(v.string()),
  /** A tax id (Spain's NIF, Italy's codice fiscale), where the vendor asks for one. */
  taxId: v.optional(v.string()),
  /** Vendor-defined questions by their id: text, a yes/no answer or chosen options. */
  custom: v.optional(v.record(v.string(), v.union([v.string(), v.boolean(), v.array(v.string())]))),
  consent: v.optional(
    v.object({
      privacy: v.optional(v.boolean()),
      marketing: v.optional(v.boolean()),
      /** Opted-in channels per message category, e.g. `{ NEWSLETTER: ['EMAIL'] }`. */
      channels: v.optional(v.record(v.string(), v.array(v.string()))),
    }),
  ),
  /** Answers to the form's own second-step questions, by question id. */
  profile: v.optional(v.record(v.string(), v.union([v.string(), v.array(v.string())]))),
  /** The visitor's language, two letters. */
  language: v.optional(v.string()),
  /** The studio the visitor chose, for chains with several. */
  studioId: v.optional(v.string()),
  attribution: v.optional(AttributionSchema),
});
export type Lead = v.InferOutput<typeof LeadSchema>;
