import type { BusinessCalendar } from './business-calendar';
import { acceptanceDeadline } from './complaint';
import type { DeadlinePolicy } from './deadline-policy';

/**
 * What a call-me request is told it can expect (docs/policy.md, "Call-me requests"). The call is
 * how the complaint is taken in: it is due by the acceptance deadline, as the call-back task is.
 * Without a phone number there is nobody to call: the customer is answered in writing, and the
 * complaint is accepted by the same deadline.
 */
export interface CallbackPromise {
  /** The acceptance deadline: the end of the last business day, in the company's time zone. */
  acceptBy: Date;
  /** The latest the call comes (the acceptance deadline); null when no phone number was given. */
  callBy: Date | null;
}

export function callbackPromise(
  request: { receivedAt: Date; phone: string | null },
  calendar: BusinessCalendar,
  policy: Pick<DeadlinePolicy, 'acceptWithinBusinessDays'>,
): CallbackPromise {
  const acceptBy = acceptanceDeadline(request.receivedAt, calendar, policy);
  return { acceptBy, callBy: request.phone ? acceptBy : null };
}
