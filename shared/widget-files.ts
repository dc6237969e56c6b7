import * as v from 'valibot';

/**
 * Every widget file but the entries (widget.js, leadgate.js) lives in one folder named by a
 * hash of all their contents, `widget/<hash>/`: under its name a file never changes, so it is
 * cached for a year, and a release that changes any of them moves them all. One hash, not one a
 * file: the loader carries it, and its 2 KB budget has room for one (eight languages, the app
 * and the bridge each named by a hash of its own cost the loader some 50 bytes).
 */
export const widgetDir = (hash: string) => `widget/${hash}/`;

// The files in that folder that someone outside it loads by name (plain strings, which the
// minifier puts where they are used: an object would ship whole in the loader).
/** The Preact app the loader and leadgate.js import. */
export const APP_FILE = 'app.js';
/** The host page's side of the iframe bridge, which the loader imports for `data-mode="iframe"`. */
export const FRAME_HOST_FILE = 'frame-host.js';
/** The frame's side of the bridge, a lazy chunk of the app that the embed page preloads. */
export const FRAME_SIDE_FILE = 'chunk-frame-side.js';

/** A language's texts, e.g. `locale-de.js`. */
export const localeFile = (locale: string) => `locale-${locale}.js`;

/** Where scripts/build-widget.ts writes the folder's hash, beside the entries (for the Worker's embed page). */
export const WIDGET_FILES_PATH = 'leadgate-files.json';

export const WidgetFilesSchema = v.object({
  /** The folder, `widget/<hash>/`. */
  dir: v.pipe(v.string(), v.regex(/^widget\/[\w-]+\/$/)),
});
export type WidgetFiles = v.InferOutput<typeof WidgetFilesSchema>;
