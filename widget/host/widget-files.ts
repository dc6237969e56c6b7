// Replaced by scripts/build-widget.ts (vite's `define`) with the folder the app, the bridge and the
// languages were just written to, `widget/<hash>/` (see shared/widget-files.ts): the entry files are
// built last, knowing it.
declare const __LEADGATE_WIDGET_DIR__: string;

/** The folder of the widget's hashed files, relative to the Worker's origin. */
export const WIDGET_DIR = __LEADGATE_WIDGET_DIR__;
