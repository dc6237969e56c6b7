import { widgetCss } from './widget-css';

let sheet: CSSStyleSheet | undefined;

function supportsAdoptedSheets(root: ShadowRoot): boolean {
  return 'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
}

/**
 * Puts the widget's styles into its root. A constructed stylesheet is shared by
 * every form on the page and is not subject to a CSP's style-src; a <style>
 * element is only the fallback for browsers without constructable stylesheets.
 */
export function applyStyles(root: ShadowRoot | Element): void {
  if (root instanceof ShadowRoot && supportsAdoptedSheets(root)) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(widgetCss);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  if (root.querySelector(':scope > style[data-leadgate]')) return;
  const style = document.createElement('style');
  style.setAttribute('data-leadgate', '');
  style.textContent = widgetCss;
  root.prepend(style);
}
