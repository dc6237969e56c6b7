/**
 * What a person can type into a form field. Control characters (C0, C1, DEL),
 * bidirectional overrides and isolates (which make staff screens show text in
 * another order than it was written) and lone surrogates (not text at all) are
 * refused; tabs and line breaks only where a field has lines.
 */
// Written without lookbehind: the widget shares this and still runs on Safari before 16.4.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Whether `text` is plain text; `multiline` allows tabs and line breaks. */
export function isPlainText(text: string, multiline = false): boolean {
  return !CONTROL.test(text) && (multiline || !LINE_BREAK_OR_TAB.test(text)) && !hasLoneSurrogate(text);
}

/** `text` with everything `isPlainText` refuses taken out (and line breaks made spaces), for text nobody typed. */
export function toPlainText(text: string): string {
  let out = '';
  for (const char of text.replace(/[\t\n\r]+/g, ' ')) {
    const unit = char.charCodeAt(0);
    const lone = char.length === 1 && unit >= 0xd800 && unit <= 0xdfff;
    if (!lone && !CONTROL.test(char)) out += char;
  }
  return out;
}
