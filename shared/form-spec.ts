import * as v from 'valibot';
import { LocaleSchema } from './locale-schema';

/**
 * How the widget renders a field and how the lead schema checks it.
 * - text, email, tel, textarea: a string
 * - date: YYYY-MM-DD
 * - integer: a whole number written as digits, optionally negative
 * - select, country: one of `options` (country labels come from Intl in the visitor's language)
 * - multiselect: several of `options`
 * - yes-no: a boolean answer to a question (required means "must be answered")
 * - consent: one checkbox (required means "must be ticked")
 * - channels: a consent matrix, one checkbox per category and channel in `matrix`
 */
export const FIELD_TYPES = [
  'text',
  'email',
  'tel',
  'url',
  'textarea',
  'date',
  'integer',
  'select',
  'country',
  'multiselect',
  'yes-no',
  'consent',
  'channels',
] as const;
export const FieldTypeSchema = v.picklist(FIELD_TYPES);
export type FieldType = v.InferOutput<typeof FieldTypeSchema>;

export const FieldOptionSchema = v.object({
  value: v.string(),
  /** Literal text, e.g. a vendor-defined choice. Rendered as text, never HTML. */
  label: v.optional(v.string()),
  /** Translation key in the widget's messages, used when `label` is absent. */
  labelKey: v.optional(v.string()),
});
export type FieldOption = v.InferOutput<typeof FieldOptionSchema>;

export const ChannelMatrixSchema = v.object({
  categories: v.array(
    v.object({
      category: v.string(),
      /** The vendor's own name for the category, where it has one; else a translation key. */
      label: v.optional(v.string()),
      channels: v.array(v.string()),
    }),
  ),
});
export type ChannelMatrix = v.InferOutput<typeof ChannelMatrixSchema>;

export const FieldSpecSchema = v.object({
  /** Path in the Lead: `firstName`, `address.street`, `custom.1246357240`, `consent.privacy`. */
  name: v.string(),
  type: FieldTypeSchema,
  required: v.boolean(),
  maxLength: v.optional(v.number()),
  /** For `date`: the day must lie in the past (a birth date) or from today on. */
  range: v.optional(v.picklist(['past', 'future'])),
  /**
   * For a `past` date, a minimum age: the day must lie before today's date this many years back
   * (one day stricter than the age itself, to keep the widget within its size budget).
   */
  minAge: v.optional(v.number()),
  options: v.optional(v.array(FieldOptionSchema)),
  /** Literal label (vendor-defined question or operator override). Rendered as text. */
  label: v.optional(v.string()),
  labelKey: v.string(),
  help: v.optional(v.string()),
  autocomplete: v.optional(v.string()),
  /** For `consent`: the page the checkbox text links to. */
  link: v.optional(v.string()),
  matrix: v.optional(ChannelMatrixSchema),
});
export type FieldSpec = v.InferOutput<typeof FieldSpecSchema>;

/**
 * A rule across fields.
 * - `all-or-none`: once one field of the group is filled, every field of it is
 *   required (e.g. an address the vendor only takes whole).
 * - `at-least-one`: one of the fields must be filled (e.g. "an email address or
 *   a phone number"); a breach is reported on `name`, the group, not a field.
 */
export const FieldRuleSchema = v.variant('kind', [
  v.object({ kind: v.literal('all-or-none'), fields: v.array(v.string()) }),
  v.object({ kind: v.literal('at-least-one'), name: v.string(), fields: v.array(v.string()) }),
]);
export type FieldRule = v.InferOutput<typeof FieldRuleSchema>;

/**
 * What a submission must carry to show a person sent it: the form token (signed
 * by the Worker when it served this spec, good once `minFillMs` have passed) and,
 * where the form has one, a Cloudflare Turnstile token for the public `siteKey`.
 * `onDemand`: the form asks for Turnstile only under load, and does not now; the
 * widget renders it once a send is refused with CHALLENGE_FAILED.
 */
export const BotCheckSpecSchema = v.object({
  formToken: v.string(),
  minFillMs: v.number(),
  turnstile: v.optional(v.object({ siteKey: v.string(), scriptUrl: v.string(), onDemand: v.optional(v.literal(true)) })),
});
export type BotCheckSpec = v.InferOutput<typeof BotCheckSpecSchema>;

/** What the widget renders: public, with nothing secret or vendor-internal in it. */
export const FormSpecSchema = v.object({
  formId: v.string(),
  locale: LocaleSchema,
  fields: v.array(FieldSpecSchema),
  rules: v.array(FieldRuleSchema),
  texts: v.object({
    title: v.optional(v.string()),
    intro: v.optional(v.string()),
    submit: v.optional(v.string()),
  }),
  success: v.object({
    message: v.optional(v.string()),
    redirectUrl: v.optional(v.string()),
  }),
  /**
   * An optional second step after a delivered lead ("tell us more"): its
   * answers update the same lead at the vendor. Field names are Lead paths;
   * questions of the form's own are `profile.<id>`.
   */
  profile: v.optional(
    v.object({
      title: v.optional(v.string()),
      intro: v.optional(v.string()),
      fields: v.array(FieldSpecSchema),
    }),
  ),
  bot: v.optional(BotCheckSpecSchema),
  /**
   * The Worker's public key for the widget's outbox (see shared/outbox-seal): a lead that
   * could not be sent is kept on the device sealed with it, so only the Worker can read it.
   * Absent when the Worker has no outbox key; the widget then keeps nothing.
   */
  outbox: v.optional(v.object({ keyId: v.string(), publicKey: v.string() })),
});
export type FormSpec = v.InferOutput<typeof FormSpecSchema>;
