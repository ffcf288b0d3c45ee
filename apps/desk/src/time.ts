import type { DeskLanguage } from './i18n';

/**
 * The company's time zone, in which every date is shown. Core's PLAINT_TIME_ZONE defaults to
 * this too; the agent API does not tell it yet, so it is named here, once.
 */
export const COMPANY_TIME_ZONE = 'Asia/Baku';

const LOCALES: Record<DeskLanguage, string> = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

export function formatInstant(iso: string, language: DeskLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: COMPANY_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A length of time as days and hours, or hours and minutes when under a day. */
export function formatSpan(ms: number, language: DeskLanguage): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const format = (value: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  return days > 0 ? `${format(days, 'day')} ${format(hours, 'hour')}` : `${format(hours, 'hour')} ${format(minutes % 60, 'minute')}`;
}

/** Today's date in the company's time zone, YYYY-MM-DD, the lowest an extension date input offers. */
export function companyToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Saturday and Sunday; public holidays are the server's to refuse (date input allows no finer limit). */
export function isWeekend(isoDate: string): boolean {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
