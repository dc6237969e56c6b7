import * as v from 'valibot';

const ModeSchema = v.picklist(['INACTIVE', 'OPTIONAL', 'MANDATORY']);
export type Mode = v.InferOutput<typeof ModeSchema>;

// Objects are not strict: the vendor may add properties in a later version.
export const AdditionalFieldSchema = v.object({
  additionalFieldId: v.pipe(v.number(), v.integer()),
  name: v.string(),
  type: v.picklist(['BOOLEAN', 'DATE', 'LIST', 'NUMERIC', 'TEXT']),
  allowMultiSelection: v.optional(v.boolean(), false),
  selectionValues: v.optional(v.array(v.string())),
  mode: ModeSchema,
});
export type AdditionalField = v.InferOutput<typeof AdditionalFieldSchema>;

export const CommunicationPreferenceSchema = v.object({
  messageCategory: v.string(),
  channels: v.optional(
    v.array(
      v.object({
        communicationChannel: v.string(),
        customerOverridable: v.optional(v.boolean()),
        active: v.optional(v.boolean()),
      }),
    ),
    [],
  ),
});
export type CommunicationPreference = v.InferOutput<typeof CommunicationPreferenceSchema>;

/** `GET /v1/leads/config` of PerfectGym Next and Magicline's Open API. */
export const LeadConfigSchema = v.object({
  addressMode: ModeSchema,
  dateOfBirthMode: ModeSchema,
  genderMode: ModeSchema,
  telephoneMode: ModeSchema,
  additionalInformation: v.optional(v.array(AdditionalFieldSchema), []),
  communicationPreferences: v.optional(v.array(CommunicationPreferenceSchema), []),
});
export type LeadConfig = v.InferOutput<typeof LeadConfigSchema>;
