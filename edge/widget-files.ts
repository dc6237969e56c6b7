import * as v from 'valibot';
import { WIDGET_FILES_PATH, type WidgetFiles, WidgetFilesSchema } from '../shared/widget-files';

/**
 * Where this Worker's widget files are (the folder named by their hash), as the build wrote it
 * beside them: read through the assets binding, so always the version deployed with this Worker.
 * Read on every call, not kept: `npm start` and the tests rebuild the widget under a running Worker
 * (GUESS: one read of a static asset through the binding per embed page is cheap; it runs beside the spec's).
 * Undefined without a built widget; the caller then does without (the loader knows its own files).
 */
export async function widgetFiles(assets: Fetcher): Promise<WidgetFiles | undefined> {
  const response = await assets.fetch(new Request(`https://assets.invalid/${WIDGET_FILES_PATH}`));
  if (!response.ok) {
    await response.body?.cancel();
    return undefined;
  }
  const parsed = v.safeParse(WidgetFilesSchema, await response.json().catch(() => undefined));
  return parsed.success ? parsed.output : undefined;
}
