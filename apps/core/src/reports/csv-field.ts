/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  let text = String(value);
  // A spreadsheet runs a cell that starts with = + - @ as a formula; free text an agent typed (a
  // root cause, an extension's reason) is kept as text with a leading apostrophe (OWASP's advice).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
