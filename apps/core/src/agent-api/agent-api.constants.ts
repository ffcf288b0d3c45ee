export { CHANNELS, LANGUAGES } from '@plaint/contracts';
export { COMPLAINT_STATES } from '@plaint/domain';
