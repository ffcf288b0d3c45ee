/**
 * An internal note is a history line of its own wording, so the complaint's history stays one
 * append-only record; the desk's timeline tells notes from steps by it.
 */
const NOTE = 'note: ';

export function noteLine(text: string): string {
  return `${NOTE}${text.trim()}`;
}

/** The note's text, when the history line is a note. */
export function noteText(why: string): string | null {
  return why.startsWith(NOTE) ? why.slice(NOTE.length) : null;
}
