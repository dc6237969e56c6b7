import * as v from 'valibot';
import { CAMPAIGN_PARAMS } from './campaign-params';
import { isPlainText } from './plain-text';

export { CAMPAIGN_PARAMS };

const text = (max: number) =>
  v.optional(
    v.pipe(
      v.string('invalid_type'),
      v.check((s) => isPlainText(s), 'invalid_characters'),
      v.trim(),
      v.maxLength(max, 'too_long'),
    ),
  );
const param = text(500);
const url = text(2000);

/**
 * Where a lead came from: the page's campaign parameters, the referrer and the
 * landing page. Adapters map what their vendor has room for.
 */
export const AttributionSchema = v.strictObject(
  {
    ...(Object.fromEntries(CAMPAIGN_PARAMS.map((key) => [key, param])) as Record<(typeof CAMPAIGN_PARAMS)[number], typeof param>),
    referrer: url,
    landingPage: url,
  },
  (issue) => (issue.expected === 'never' ? 'unknown_field' : 'invalid_type'),
);
export type Attribution = v.InferOutput<typeof AttributionSchema>;
