/** The 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, position: number): { readonly line: number; readonly column: number } {
  const before = text.slice(0, position);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: position - lineStart + 1 };
}

/**
 * A JSON.parse SyntaxError as `file:line:column: message`, the form editors and
 * terminals link to. Node 20 gives only "at position N"; a message without a
 * position is kept as it is.
 */
export function describeJsonError(source: string, text: string, error: SyntaxError): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return `${source}: ${error.message}`;
  const { line, column } = lineColumnAt(text, Number(position));
  return `${source}:${line}:${column}: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
}
