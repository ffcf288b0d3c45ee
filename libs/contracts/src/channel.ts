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
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Languages the customer-facing texts exist in. */
export const LANGUAGES = ['az', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
