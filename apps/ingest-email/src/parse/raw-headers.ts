import type { HeaderLines } from 'mailparser';

export interface RawHeader {
  /** Lower-cased header name. */
  name: string;
  /** The value as written, folding undone, not decoded. */
  value: string;
}

/** Header lines (folded continuation lines included) as name/value pairs, in order. */
export function unfoldHeaderLines(lines: readonly string[]): RawHeader[] {
  const headers: RawHeader[] = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) });
  }
  for (const header of headers) header.value = header.value.trim();
  return headers;
}

/**
 * The raw values of one top-level header. mailparser's parsed map hides some facts that matter
 * here: an unparsable Date becomes the current time, `Return-Path: <>` becomes an empty address
 * and every `List-*` header is merged into one `list` entry.
 */
export function rawHeaderValues(headerLines: HeaderLines, name: string): string[] {
  const wanted = name.toLowerCase();
  return unfoldHeaderLines(headerLines.flatMap((header) => header.line.split(/\r?\n/)))
    .filter((header) => header.name === wanted)
    .map((header) => header.value);
}

/** The header section of a raw message or of a text/rfc822-headers part. */
export function readHeaderSection(raw: Buffer): RawHeader[] {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return unfoldHeaderLines((end < 0 ? text : text.slice(0, end)).split(/\r?\n/));
}
