import type { ComplaintEventV1 } from '@plaint/contracts';
import type { NoticeTemplates } from './notice-templates';

const FALLBACK_NAME = { az: 'müştəri', ru: 'клиент', en: 'customer' } as const;
const INTL_LOCALE = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' } as const;

/** A date as the customer reads it: in their language, in the company's time zone. */
export function formatDate(iso: string, language: ComplaintEventV1['language'], timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** The written notice for an event, in the complaint's language. */
export function renderNotice(event: ComplaintEventV1, templates: NoticeTemplates, timeZone: string): string {
  const values: Record<string, string> = {
    name: event.customer.name ?? FALLBACK_NAME[event.language],
    reference: event.reference,
  };
  if (event.deadlines.acceptBy) values.acceptBy = formatDate(event.deadlines.acceptBy, event.language, timeZone);
  return templates.render(event.language, event.type, values);
}
