import type { Lead } from '../../../shared/lead';

/**
 * The second step's answers as the Worker takes them: only what was answered,
 * without the language the first step already sent. The shared schema leaves
 * an empty group behind as `undefined`, so keys alone do not tell. Undefined
 * when nothing was answered, which the step reads as "no thanks".
 */
export function profileAnswers(lead: Lead): Lead | undefined {
  const entries = Object.entries(lead).filter(([key, value]) => key !== 'language' && value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
