import sanitizeHtml from 'sanitize-html';

/**
 * HTML that is safe to show an agent in the console: no scripts, styles, event handlers,
 * forms or frames; links only to http(s) and mailto, opened in a new tab without a referrer;
 * images only from the mail itself (`cid:`), because a remote image tells the sender when and
 * where the mail was read (tracking pixels).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid'] },
  allowProtocolRelative: false,
  // Their text is not content either: a <title> or <head> would otherwise leak into the body.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  exclusiveFilter: (frame) => frame.tag === 'img' && !(frame.attribs.src ?? '').startsWith('cid:'),
  // Replaces the sender's own rel and target on every link.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** The sanitised HTML, or null when nothing displayable is left. */
export function sanitizeEmailHtml(html: string): string | null {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean ? clean : null;
}
