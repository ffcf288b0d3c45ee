import { createHash } from 'node:crypto';
import { cleanName } from '@plaint/contracts';
import type { Attachment } from 'mailparser';
import type { EmailAttachment } from './parsed-email';

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'message/global': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
};

/** Attachments with a usable file name and a sha256 of their decoded bytes. */
export function toEmailAttachments(attachments: readonly Attachment[]): EmailAttachment[] {
  return attachments.map((attachment, index) => {
    const contentType = attachment.contentType.toLowerCase();
    return {
      filename: safeFilename(attachment.filename) ?? `attachment-${index + 1}.${EXTENSIONS[contentType] ?? 'bin'}`,
      contentType,
      size: attachment.content.length,
      sha256: createHash('sha256').update(attachment.content).digest('hex'),
      content: attachment.content,
    };
  });
}

/**
 * The sender chooses the name, so it is only a label: no directories, no controls (a CR/LF would
 * break a Content-Disposition header when the file is sent on), not empty, not endless.
 */
function safeFilename(name: string | undefined): string | null {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = cleanName(base).replace(/^\.+/, '');
  return clean ? clean.slice(0, 200) : null;
}
