/**
 * A Message-ID without its angle brackets, or null when there is none worth keeping: an id with
 * whitespace, controls or brackets inside is not one a mail client would ever match against.
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const id = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  if (!id || id.length > 998 || /[\s<>\p{Cc}]/u.test(id)) return null;
  return id;
}

/**
 * Every id of a References (or In-Reply-To) value in order, without repeats. mailparser gives one
 * id as a string and several as an array, and splits on whitespace only, so `<a><b>` or
 * `<a> (comment)` arrive as one entry and are split here.
 */
export function normalizeReferences(value: string | string[] | null | undefined): string[] {
  const ids: string[] = [];
  for (const entry of typeof value === 'string' ? [value] : (value ?? [])) {
    const bracketed = [...entry.matchAll(/<([^<>]*)>/g)].map((match) => match[1]);
    for (const token of bracketed.length > 0 ? bracketed : entry.split(/\s+/)) {
      const id = normalizeMessageId(token);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
