import * as v from 'valibot';

const MODES = ['INACTIVE', 'OPTIONAL', 'MANDATORY'] as const;
export type Mode = (typeof MODES)[number];
const mode = (missing: Mode) => v.optional(v.picklist(MODES), missing);

/**
 * The field modes of `GET /connect/v1/trialsession/config/validation`, the closest Connect has to a
 * lead config (GUESS: they, and `minimumAge`, apply to leads as to trial sessions). A mode the answer leaves out follows the lead DTO (`ConnectApiCreateLeadDto`):
 * first and last name are required there, email and phone optional. GUESS: any other mode left
 * out hides its field, as INACTIVE does.
 */
export const TrialConfigSchema = v.object({
  nameMode: mode('MANDATORY'),
  emailMode: mode('OPTIONAL'),
  telephoneMode: mode('OPTIONAL'),
  addressMode: mode('INACTIVE'),
  dateOfBirthMode: mode('INACTIVE'),
  genderMode: mode('INACTIVE'),
  taxIdMode: mode('INACTIVE'),
  zipMode: mode('INACTIVE'),
  /** "minimum age to book a trial session (dateOfBirthMode is mandatory if value is set)". */
  minimumAge: v.optional(v.pipe(v.number(), v.integer())),
});
export type TrialConfig = v.InferOutput<typeof TrialConfigSchema>;
export type ModeKey = Exclude<keyof TrialConfig, 'minimumAge'>;

/** A message category of one studio: its id there, and its name, which is what matches it across a chain. */
export const CategorySchema = v.object({
  id: v.number(),
  name: v.string(),
  channels: v.array(v.object({ channel: v.string(), active: v.boolean(), overridable: v.boolean() })),
});
export type Category = v.InferOutput<typeof CategorySchema>;

/** Leadgate's digest of one tenant's studios, as cached: only what forms and mapping need. */
export const ConnectRulesSchema = v.object({
  studios: v.array(v.object({ id: v.number(), name: v.string(), city: v.optional(v.string()) })),
  perStudio: v.record(
    v.string(),
    v.object({
      config: TrialConfigSchema,
      categories: v.array(CategorySchema),
      campaigns: v.array(v.object({ id: v.number(), externalIdentifier: v.string() })),
    }),
  ),
});
export type ConnectRules = v.InferOutput<typeof ConnectRulesSchema>;
export type StudioRules = ConnectRules['perStudio'][string];

// The vendor's answers, read leniently: only the fields used, extra ones ignored.
export const StudioListSchema = v.array(v.object({ id: v.number(), studioName: v.string(), address: v.optional(v.object({ city: v.optional(v.string()) })) }));
export const CommunicationSettingsSchema = v.array(
  v.object({
    messageCategory: v.object({ databaseId: v.number(), name: v.optional(v.string()) }),
    communicationChannels: v.optional(
      v.array(v.object({ communicationChannel: v.string(), active: v.optional(v.boolean()), customerOverridable: v.optional(v.boolean()) })),
      [],
    ),
  }),
);
export const CampaignListSchema = v.array(v.object({ id: v.number(), externalIdentifier: v.string(), name: v.optional(v.string()) }));
