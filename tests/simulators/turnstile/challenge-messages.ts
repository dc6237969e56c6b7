/**
 * Everything that crosses the boundary between the page's `api.js` and the challenge frame it
 * embeds from the simulator, as Cloudflare's script and iframe talk. Every message names the
 * widget, is sent to the other side's exact origin and is checked on receipt.
 */

/** How Cloudflare shows a widget: FACT, the three widget modes. */
export type ChallengeMode = 'managed' | 'non-interactive' | 'invisible';

/** What the challenge frame tells the page. */
export type FrameMessage =
  /** The visitor must click "Verify you are human" first. */
  | { readonly event: 'interactive'; readonly mode: ChallengeMode }
  /** The visitor clicked; the challenge goes on. */
  | { readonly event: 'interacted' }
  | { readonly event: 'token'; readonly token: string; readonly mode: ChallengeMode }
  /** A client error code, as `error-callback` receives it. */
  | { readonly event: 'error'; readonly code: string; readonly mode?: ChallengeMode }
  /** The visitor asked for a new token after it expired (`refresh-expired: "manual"`). */
  | { readonly event: 'refresh' };

/** What the page tells the challenge frame. */
export type PageMessage = { readonly event: 'expired'; readonly refresh: 'manual' | 'never' };

/** The envelope both sides send: a marker and the widget it is about. */
export type Envelope<M> = M & { readonly source: 'turnstile-simulator'; readonly widgetId: string };

/** The query parameters of the challenge frame's URL, set by `api.js`. */
export interface ChallengeParams {
  readonly widgetId: string;
  readonly sitekey: string;
  readonly action: string;
  readonly cdata: string;
  readonly theme: string;
  readonly language: string;
  readonly size: string;
  /** The page's origin; the frame also checks it against `location.ancestorOrigins` where the browser has it. */
  readonly origin: string;
}
