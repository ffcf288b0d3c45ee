import type { DeskLanguage } from './i18n';

/**
 * The company's time zone until core tells it (GET …/me/preferences answers `timeZone`, core's
 * PLAINT_TIME_ZONE, which defaults to this too): only a fallback for the first moments.
 */
export const COMPANY_TIME_ZONE = 'Asia/Baku';

let companyZone = COMPANY_TIME_ZONE;

/**
 * Takes the zone core answered for every date shown from now on; false (and the zone kept) when
 * this browser does not know it.
 */
export function setCompanyTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  companyZone = zone;
  return true;
}

export function companyTimeZone(): string {
  return companyZone;
}

const LOCALES: Record<DeskLanguage, string> = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

export const localeOf = (language: DeskLanguage): string => LOCALES[language];

export function formatInstant(iso: string, language: DeskLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: companyZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A number of hours, minutes or days, the unit shortened as the language does ("3 h", "3 ч", "3 saat"). */
export function formatUnit(value: number, unit: 'day' | 'hour' | 'minute', language: DeskLanguage): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** A length of time as days and hours, or hours and minutes when under a day. */
export function formatSpan(ms: number, language: DeskLanguage): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? `${formatUnit(days, 'day', language)} ${formatUnit(hours, 'hour', language)}` : `${formatUnit(hours, 'hour', language)} ${formatUnit(minutes % 60, 'minute', language)}`;
}

/** Today's date in the company's time zone, YYYY-MM-DD, on this browser's clock. */
export function companyToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: companyZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A YYYY-MM-DD date moved by whole days. Dates are days, not instants: the arithmetic runs at
 * noon UTC, which no zone's clock change can move to another date.
 */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A calendar date (not an instant) in words, e.g. "Monday 14 December 2026". */
export function formatDay(isoDate: string, language: DeskLanguage, options: Intl.DateTimeFormatOptions = { dateStyle: 'full' }): string {
  return new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}
