/** Every channel a complaint can arrive on (docs/architecture.md). */
export const CHANNELS = [
  'email',
  'chat',
  'telegram',
  'whatsapp',
  'messenger',
  'instagram',
  'web_form',
  'phone',
  'complaint_book',
  'consultation',
  /**
   * The customer's own page ("my complaints", docs/my-complaints.md): never opens a complaint,
   * only carries what a signed-in customer writes to one of theirs.
   */
  'customer_page',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a `consultation` complaint was taken: during a video call or a mobile (phone) consultation with staff. */
export const CONSULTATION_KINDS = ['video', 'mobile'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

/** Languages the customer-facing texts exist in. */
export const LANGUAGES = ['az', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * How a written notice travels to the customer, besides the live chat (which the chat service
 * shows on the socket): the complaint's own social conversation, else e-mail, else SMS.
 */
export const NOTICE_ROUTES = ['email', 'telegram', 'whatsapp', 'messenger', 'instagram', 'sms'] as const;
export type NoticeRoute = (typeof NOTICE_ROUTES)[number];
