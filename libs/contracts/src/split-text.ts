/** How a platform counts a text's length: UTF-16 characters, or UTF-8 bytes (Instagram). */
export type TextUnit = 'chars' | 'bytes';

/** The longest start of `text` within `max` units, never ending inside a character. */
function fittingLength(text: string, max: number, unit: TextUnit): number {
  let length = 0;
  let size = 0;
  for (const character of text) {
    size += unit === 'bytes' ? Buffer.byteLength(character) : character.length;
    if (size > max) break;
    length += character.length;
  }
  return length;
}

/**
 * Cuts a text into parts of at most `max` units, at a line break or a space when there is one in
 * the second half of the part, never inside a character.
 */
export function splitText(text: string, max: number, unit: TextUnit = 'chars'): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let fits = fittingLength(rest, max, unit); fits < rest.length; fits = fittingLength(rest, max, unit)) {
    const window = rest.slice(0, fits);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = breakAt > fits / 2 ? breakAt : fits;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
