const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/**
 * The start of a page the Worker serves in a form's place (the iframe embed, the
 * answer to a post without JavaScript): doctype, language, viewport, no indexing,
 * the title and the embed stylesheet (or, given `inlineCss`, those rules inline, so that
 * the page's first paint waits for no stylesheet), up to where the caller adds its own head lines.
 */
export function documentStart(locale: string, title: string, inlineCss?: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
${inlineCss === undefined ? '<link rel="stylesheet" href="/embed.css">' : `<style>${inlineCss}</style>`}
`;
}
