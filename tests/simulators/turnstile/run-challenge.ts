import type { ClientErrorCode } from './client-error-codes';
import { CLIENT_ERRORS } from './client-error-codes';
import { DUMMY_TOKEN, dummySiteKey } from './test-keys';
import type { TokenStore } from './token-store';
import type { WidgetFixture, WidgetMode } from './widgets';

/** What the page's script asks of the challenge, standing in for what Cloudflare's iframe learns. */
export interface ChallengeRequest {
  readonly siteKey?: string;
  /** The hostname of the page the widget is rendered on. */
  readonly hostname?: string;
  readonly action?: string;
  readonly cdata?: string;
  /** Whether the visitor clicked "Verify you are human". */
  readonly interacted: boolean;
}

/** The challenge's outcome: a token, a checkbox the visitor must click first, or a client error code. */
export type ChallengeResult =
  | { readonly token: string; readonly mode: WidgetMode }
  | { readonly challenge: 'interactive'; readonly mode: WidgetMode }
  | { readonly error: ClientErrorCode };

/** A fault forcing a managed widget to ask for a click, or any widget's challenge to fail. */
export type ForcedOutcome = 'interactive' | 'fail';

export interface ChallengeContext {
  readonly widgets: readonly WidgetFixture[];
  readonly tokens: TokenStore;
  readonly now: number;
  /** Asked only once the request is known to be valid, so a fault is not spent on a broken one. */
  forced(widget: WidgetFixture | undefined): ForcedOutcome | undefined;
}

// FACT: up to 32 (action) or 255 (cData) letters, digits, `_` and `-`.
const ACTION = /^[A-Za-z0-9_-]{0,32}$/;
const CDATA = /^[A-Za-z0-9_-]{0,255}$/;

/** FACT: a widget's domain also allows its subdomains. */
const allowedOn = (widget: WidgetFixture, hostname: string) => widget.domains.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));

/**
 * The simulator's stand-in for Cloudflare's challenge iframe: checks sitekey, hostname, action and
 * cData, decides whether the visitor must click, and issues a token. FACT: the test sitekeys work
 * on any hostname and yield the dummy token; the failing ones fail.
 *
 * @example
 * const result = runChallenge({ siteKey, hostname: 'localhost', interacted: false }, context);
 * if ('token' in result) callback(result.token);
 */
export function runChallenge(request: ChallengeRequest, context: ChallengeContext): ChallengeResult {
  const { siteKey = '', hostname = '', action = '', cdata = '' } = request;
  const dummy = dummySiteKey(siteKey);
  const widget = context.widgets.find((candidate) => candidate.siteKey === siteKey);
  if (!dummy && !widget) return { error: CLIENT_ERRORS.invalidSiteKey };
  if (widget && !allowedOn(widget, hostname.toLowerCase())) return { error: CLIENT_ERRORS.unknownDomain };
  if (!ACTION.test(action)) return { error: CLIENT_ERRORS.invalidAction };
  if (!CDATA.test(cdata)) return { error: CLIENT_ERRORS.invalidCdata };

  if (dummy) {
    const mode: WidgetMode = dummy.visible ? 'managed' : 'invisible';
    if (dummy.outcome === 'fail') return { error: CLIENT_ERRORS.challengeFailed };
    if (dummy.outcome === 'interactive' && !request.interacted) return { challenge: 'interactive', mode };
    return { token: DUMMY_TOKEN, mode };
  }
  // Not reached without a widget; narrowed for the compiler.
  if (!widget) return { error: CLIENT_ERRORS.invalidSiteKey };
  const forced = request.interacted ? undefined : context.forced(widget);
  if (forced === 'fail') return { error: CLIENT_ERRORS.challengeFailed };
  if (forced === 'interactive') return { challenge: 'interactive', mode: widget.mode };
  const token = context.tokens.issue(widget.siteKey, {
    solvedAt: context.now,
    hostname: hostname.toLowerCase(),
    action,
    cdata,
    interactive: request.interacted,
  });
  return { token, mode: widget.mode };
}
