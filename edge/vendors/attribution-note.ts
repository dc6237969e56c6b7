import type { Attribution } from '../../shared/attribution';
import type { AttributionConfig } from '../config/attribution-config';

/** The first line of the block, so staff can tell it from what the visitor wrote. */
export const ATTRIBUTION_SEPARATOR = '— Leadgate attribution —';

// A line cut to fit keeps its label and at least this much of its value, or goes.
const MIN_CUT_VALUE = 10;

const CLICK_IDS = ['gclid', 'fbclid', 'msclkid'] as const;

/** The campaign identifier the form reads from the page, if the page had one. */
export function campaignOf(attribution: Attribution | undefined, config: AttributionConfig): string | undefined {
  return config.campaign === false ? undefined : attribution?.[config.campaign] || undefined;
}

/**
 * Where the lead came from, one English line per value the page had. The
 * line "Campaign" shows the parameter the form reads as its campaign; when that
 * is not utm_campaign, utm_campaign keeps its own line as the campaign's name.
 */
export function attributionLines(attribution: Attribution | undefined, config: AttributionConfig): string[] {
  if (!attribution) return [];
  const campaign = config.campaign === false ? 'utm_campaign' : config.campaign;
  const line = (label: string, value: string | undefined) => (value ? [`${label}: ${value}`] : []);
  const { utm_source: source, utm_medium: medium } = attribution;
  const clicks = CLICK_IDS.filter((id) => attribution[id]).map((id) => `${id}=${attribution[id]}`);
  return [
    ...(source ? line('Source', medium ? `${source} / ${medium}` : source) : line('Medium', medium)),
    ...line('Campaign', attribution[campaign]),
    ...(campaign === 'utm_campaign' ? [] : line('Campaign name', attribution.utm_campaign)),
    ...(campaign === 'utm_term' ? [] : line('Term', attribution.utm_term)),
    ...(campaign === 'utm_content' ? [] : line('Content', attribution.utm_content)),
    ...line('Click id', clicks.join(', ')),
    ...line('Referrer', attribution.referrer),
    ...line('Landing page', attribution.landingPage),
  ];
}

/** `text` cut to at most `length` UTF-16 units, never through a surrogate pair. */
function cut(text: string, length: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(length - 1)) ? length - 1 : length;
  return text.slice(0, end);
}

/**
 * The vendor's free-text note: the visitor's message first, then a blank line
 * and the attribution block, all within `max` characters. Only the block is
 * ever shortened: lines that do not fit are dropped from the end, the first of
 * them cut with "…" when its label and some of its value still fit. With notes
 * off, no attribution or no room, the message comes back as it was.
 *
 * @example
 * attributionNote('Mornings suit me', { utm_source: 'instagram', utm_medium: 'cpc' }, DEFAULT_ATTRIBUTION, 1000)
 * // 'Mornings suit me\n\n— Leadgate attribution —\nSource: instagram / cpc'
 */
export function attributionNote(
  message: string | undefined,
  attribution: Attribution | undefined,
  config: AttributionConfig,
  max = Number.POSITIVE_INFINITY,
): string | undefined {
  const lines = config.notes ? attributionLines(attribution, config) : [];
  if (lines.length === 0) return message;
  const gap = message ? '\n\n' : '';
  let room = max - (message?.length ?? 0) - gap.length - ATTRIBUTION_SEPARATOR.length;
  const kept: string[] = [];
  for (const line of lines) {
    if (room >= line.length + 1) {
      kept.push(line);
      room -= line.length + 1;
      continue;
    }
    const labelled = line.indexOf(': ') + 2 + MIN_CUT_VALUE;
    if (room - 2 >= labelled) kept.push(`${cut(line, room - 2)}…`);
    break;
  }
  // A separator with nothing under it would only puzzle staff.
  if (kept.length === 0) return message;
  return `${message ?? ''}${gap}${[ATTRIBUTION_SEPARATOR, ...kept].join('\n')}`;
}
