import type { BusinessTimeLeft, NextDeadline } from './api-types';
import type { DeskLanguage, Translate } from './i18n';
import { formatInstant, formatSpan, formatUnit, localeOf } from './time';

/** "3 business days 9 h", or "9 h 30 min" under a day; the days word in the language's plural. */
export function formatBusinessTime(left: BusinessTimeLeft, t: Translate, language: DeskLanguage): string {
  if (left.days === 0) return `${formatUnit(left.hours, 'hour', language)} ${formatUnit(left.minutes, 'minute', language)}`;
  const plural = new Intl.PluralRules(localeOf(language)).select(left.days);
  const days = t(plural === 'one' || plural === 'few' || plural === 'many' ? `complaint.businessDays.${plural}` : 'complaint.businessDays.other', { count: left.days });
  return `${days} ${formatUnit(left.hours, 'hour', language)}`;
}

/**
 * The deadline that runs now, and the time left to it: business time as core counts it on the
 * company's calendar (weekends and holidays left out, docs/desk.md), or calendar time from a
 * core that does not count it. Past a deadline on a day off, with no business time since, the
 * calendar time since it is shown.
 */
export function DeadlineLeft({ next, t, language, now = Date.now() }: { next: NextDeadline | null; t: Translate; language: DeskLanguage; now?: number }) {
  if (!next) return <span class="deadline none">{t('complaint.noDeadline')}</span>;
  const left = Date.parse(next.by) - now;
  const business = next.businessTimeLeft;
  const overdue = business ? business.overdue : left < 0;
  const span = formatSpan(left, language);
  const remaining = !business
    ? t(overdue ? 'complaint.overdue' : 'complaint.left', { time: span })
    : !overdue
      ? t('complaint.businessLeft', { time: formatBusinessTime(business, t, language) })
      : business.days + business.hours + business.minutes > 0
        ? t('complaint.businessOverdue', { time: formatBusinessTime(business, t, language) })
        : t('complaint.overdue', { time: span });
  return (
    <span class={overdue ? 'deadline overdue' : 'deadline'} data-testid="deadline" data-overdue={String(overdue)}>
      <span>
        {t(`deadline.${next.kind}`)} {formatInstant(next.by, language)}
      </span>{' '}
      <strong>{remaining}</strong>
    </span>
  );
}
