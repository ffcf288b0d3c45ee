import type { NextDeadline } from './api-types';
import type { DeskLanguage, Translate } from './i18n';
import { formatInstant, formatSpan } from './time';

/**
 * The deadline that runs now, and the time left to it: business hours where the API counts
 * them, calendar time otherwise (the business calendar is the server's, with its holidays).
 */
export function DeadlineLeft({ next, t, language, now = Date.now() }: { next: NextDeadline | null; t: Translate; language: DeskLanguage; now?: number }) {
  if (!next) return <span class="deadline none">{t('complaint.noDeadline')}</span>;
  const left = Date.parse(next.by) - now;
  const overdue = left < 0;
  const span = formatSpan(left, language);
  const remaining = overdue
    ? t('complaint.overdue', { time: span })
    : next.businessHoursLeft !== undefined
      ? t('complaint.businessLeft', { hours: next.businessHoursLeft })
      : t('complaint.left', { time: span });
  return (
    <span class={overdue ? 'deadline overdue' : 'deadline'} data-testid="deadline">
      <span>
        {t(`deadline.${next.kind}`)} {formatInstant(next.by, language)}
      </span>{' '}
      <strong>{remaining}</strong>
    </span>
  );
}
