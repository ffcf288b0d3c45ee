import { unfoldHeaderLines } from './raw-headers';

export type MimeStructureCheck = { ok: true; depth: number } | { ok: false; reason: string };

interface Container {
  /** The boundary of a multipart; null for a message/rfc822 part, which ends with its parent. */
  boundary: string | null;
  contentType: string;
  parts: number;
}

interface PartHead {
  contentType: string;
  boundary: string | null;
  transferEncoding: string;
  label: string;
}

type Mode = 'header' | 'body' | 'ignored';

const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

/**
 * A check of the raw MIME structure made before mailparser sees the message. mailparser (through
 * mailsplit) limits the number of parts but not their nesting, quietly returns an empty body for
 * a multipart whose boundary never appears, and skips characters that are not base64 while
 * decoding, which turns a damaged attachment into different bytes with no warning. Each of those
 * would store something other than what the customer sent, so they are found here, on the raw
 * bytes, and the mail is quarantined instead.
 */
export function checkMimeStructure(raw: Buffer, maxDepth: number): MimeStructureCheck {
  const containers: Container[] = [];
  let mode: Mode = 'header';
  let head: string[] = [];
  let base64Label: string | null = null;
  let deepest = 0;

  // A multipart that got no part at all has lost its whole content in mailparser.
  const closeAbove = (keep: number): string | null => {
    for (const closed of containers.splice(keep)) {
      if (closed.boundary !== null && closed.parts === 0) {
        return `the ${closed.contentType} part never uses its boundary "${closed.boundary}", so its content cannot be read`;
      }
    }
    return null;
  };

  // Opens the part whose header just ended; a container becomes the innermost open one.
  const startPart = (lines: string[]): { mode: Mode; base64Label: string | null } | { problem: string } => {
    const part = readPartHead(lines);
    let next: { mode: Mode; base64Label: string | null };
    if (part.contentType.startsWith('multipart/')) {
      if (!part.boundary) return { problem: `the ${part.contentType} part has no boundary, so its content cannot be read` };
      containers.push({ boundary: part.boundary, contentType: part.contentType, parts: 0 });
      next = { mode: 'ignored', base64Label: null }; // the preamble
    } else if (isEmbeddedMessage(part)) {
      containers.push({ boundary: null, contentType: part.contentType, parts: 1 });
      next = { mode: 'header', base64Label: null };
    } else {
      next = { mode: 'body', base64Label: part.transferEncoding === 'base64' ? part.label : null };
    }
    deepest = Math.max(deepest, containers.length);
    if (containers.length > maxDepth) return { problem: `MIME parts are nested deeper than ${maxDepth} levels` };
    return next;
  };

  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf(0x0a, start);
    if (end < 0) end = raw.length;
    const lineEnd = end > start && raw[end - 1] === 0x0d ? end - 1 : end;
    const line = raw.toString('latin1', start, lineEnd);
    start = end + 1;

    const delimiter = line.startsWith('--') ? matchDelimiter(line, containers) : null;
    if (delimiter) {
      const problem = closeAbove(delimiter.index + 1);
      if (problem) return { ok: false, reason: problem };
      const owner = containers[delimiter.index];
      if (owner && !delimiter.closing) {
        owner.parts += 1;
        mode = 'header';
        head = [];
      } else {
        const closed = closeAbove(delimiter.index);
        if (closed) return { ok: false, reason: closed };
        mode = 'ignored'; // the epilogue
      }
      continue;
    }

    if (mode === 'header') {
      if (line === '') {
        const next = startPart(head);
        if ('problem' in next) return { ok: false, reason: next.problem };
        ({ mode, base64Label } = next);
        head = [];
      } else {
        head.push(line);
      }
    } else if (mode === 'body' && base64Label !== null && NOT_BASE64.test(line)) {
      return {
        ok: false,
        reason: `the base64 content of ${base64Label} has characters that are not base64, so its decoded bytes would be corrupt`,
      };
    }
  }
  const problem = closeAbove(0);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, depth: deepest };
}

function matchDelimiter(line: string, containers: Container[]): { index: number; closing: boolean } | null {
  // The nearest open multipart first; a parent's boundary also ends every part inside it.
  for (let index = containers.length - 1; index >= 0; index--) {
    const boundary = containers[index]?.boundary;
    if (!boundary || !line.startsWith(boundary, 2)) continue;
    const rest = line.slice(2 + boundary.length);
    if (/^[ \t]*$/.test(rest)) return { index, closing: false };
    if (/^--[ \t]*$/.test(rest)) return { index, closing: true };
  }
  return null;
}

function isEmbeddedMessage(part: PartHead): boolean {
  // A message/rfc822 body is itself a message only while it is not transfer-encoded.
  return (
    (part.contentType === 'message/rfc822' || part.contentType === 'message/global') &&
    !['base64', 'quoted-printable'].includes(part.transferEncoding)
  );
}

function readPartHead(lines: string[]): PartHead {
  const headers = unfold(lines);
  const contentType = stripComments(headers.get('content-type') ?? 'text/plain');
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const boundary = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentType);
  const filename = /;\s*(?:file)?name\*?\s*=\s*"?([^";]+)/i.exec(
    `${headers.get('content-disposition') ?? ''};${contentType}`,
  );
  return {
    contentType: type,
    boundary: boundary ? (boundary[1] ?? boundary[2] ?? '').replace(/\\(.)/g, '$1') || null : null,
    transferEncoding: stripComments(headers.get('content-transfer-encoding') ?? '').trim().toLowerCase(),
    label: filename?.[1] ? `the part "${filename[1].trim()}" (${type})` : `a ${type} part`,
  };
}

/** Header values by lower-cased name, the first occurrence kept (as mailsplit does). */
function unfold(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { name, value } of unfoldHeaderLines(lines)) if (!headers.has(name)) headers.set(name, value);
  return headers;
}

/** RFC 822 comments, which mailsplit drops too: `multipart/mixed (x); boundary=b` names `b`. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += char + (value[i + 1] ?? '');
      i++;
    } else if (depth === 0 && char === '"') {
      quoted = !quoted;
      out += char;
    } else if (!quoted && char === '(') {
      depth++;
    } else if (!quoted && char === ')' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      out += char;
    }
  }
  return out;
}
