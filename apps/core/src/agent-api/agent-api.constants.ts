export { CHANNELS, LANGUAGES, NOTICE_ROUTES } from '@plaint/contracts';
export { COMPLAINT_STATES } from '@plaint/domain';
