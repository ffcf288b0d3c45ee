/** The HTML part of a notice: its text, escaped, one paragraph per blank-line-separated block. */
export function noticeHtml(text: string, language: string): string {
  const escape = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((block) => `<p>${escape(block.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${escape(language)}"><body>\n${paragraphs}\n</body></html>\n`;
}
