export * from './calendar-days';
export * from './company-calendar';
export * from './holiday-calendar';
export * from './holiday-day';
export * from './holiday-overrides';
export { addDays, daysBetween, isIsoDate } from './iso-date';
export { type LibraryHoliday } from './azerbaijan-corrections';
