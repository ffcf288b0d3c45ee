import { Injectable } from '@nestjs/common';
import { Clock, type DeadlineKind, nextDeadline, normalizeEmail, normalizePhone, normalizeReference } from '@plaint/domain';
import type { ComplaintEntity, ComplaintHistoryEntity } from '@plaint/persistence';
import { CoreStore } from '../store/core-store';
import { lifecycleOf } from '../lifecycle/stored-lifecycle';

/** One step the customer was told of, with what they were told (dates as ISO instants). */
export interface CustomerStepView {
  at: string;
  /** The customer-facing event type, e.g. complaint.accepted, complaint.extended. */
  step: string;
  details: Record<string, string>;
}

export interface ComplaintStatusView {
  reference: string;
  /** The complaint's state (a ComplaintState). */
  status: string;
  channel: string;
  receivedAt: string;
  deadlines: { acceptBy: string; reviewBy?: string; resolveBy: string };
  /** The next date the customer can hold us to; absent while the clock waits for them or the complaint is done. */
  next?: { kind: DeadlineKind; by: string };
  /** While waiting for the customer: what we asked them for (detail keys or an agent's words). */
  waitingFor?: string[];
  /** The reference of the complaint this one goes on as, when merged. */
  mergedInto?: string;
  /** Oldest first. */
  history: CustomerStepView[];
}

/**
 * The details a step may show the customer. History lines are written by several use cases;
 * taking only these keys keeps anything internal that lands in `details` (a root cause, an
 * agent's name) off the public page.
 */
const CUSTOMER_DETAIL_KEYS = [
  'acceptBy',
  'reviewBy',
  'resolveBy',
  'previousResolveBy',
  'reason',
  'result',
  'outcome',
  'requested',
  'survivingReference',
] as const;

/**
 * The customer's status lookup. It answers only when the reference and the contact belong to
 * the same complaint, and answers "not found" the same way whether the reference is unknown or
 * the contact does not match, so a lookup tells a stranger nothing. The history shows only the
 * steps the customer was told of, never the audit trail's internal wording or who acted.
 */
@Injectable()
export class LookUpStatus {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  async execute(referenceInput: string, contactInput: string): Promise<ComplaintStatusView | null> {
    const reference = normalizeReference(referenceInput);
    if (!reference) return null;
    const complaints = this.store.reads().complaints;
    const complaint = await complaints.findByReference(reference);
    if (!complaint || !(await this.contactMatches(complaint, contactInput))) return null;
    const lines = await complaints.findCustomerSteps(complaint.id);
    return statusView(complaint, lines, this.clock.now());
  }

  private async contactMatches(complaint: ComplaintEntity, contactInput: string): Promise<boolean> {
    const contact = contactInput.trim();
    if (!contact) return false;
    const candidates = contact.includes('@')
      ? [{ kind: 'email', value: normalizeEmail(contact) }]
      : [{ kind: 'phone', value: normalizePhone(contact) ?? '' }];
    const candidate = candidates[0];
    if (!candidate?.value) return false;
    if (candidate.kind === 'email' && complaint.email && normalizeEmail(complaint.email) === candidate.value) return true;
    if (candidate.kind === 'phone' && complaint.phone && normalizePhone(complaint.phone) === candidate.value) return true;
    // Any identity linked to the complaint's customer counts as theirs.
    return this.store.reads().customers.holdsIdentity(complaint.customerId, candidate.kind, candidate.value);
  }
}

export type StepLine = Pick<ComplaintHistoryEntity, 'at' | 'step' | 'details'>;

/**
 * What the customer may see of a complaint: state, dates, next date and the steps they were told
 * of. `alsoShown` names detail keys a caller shows beyond the status lookup's (the signed-in
 * customer's page shows an agent's written answers, `message`).
 */
export function statusView(complaint: ComplaintEntity, lines: StepLine[], now: Date, alsoShown: readonly string[] = []): ComplaintStatusView {
  const history = customerHistory(complaint, lines, [...CUSTOMER_DETAIL_KEYS, ...alsoShown]);
  const view: ComplaintStatusView = {
    reference: complaint.reference,
    status: complaint.state,
    channel: complaint.channel,
    receivedAt: complaint.receivedAt.toISOString(),
    deadlines: {
      acceptBy: complaint.acceptBy.toISOString(),
      ...(complaint.reviewBy ? { reviewBy: complaint.reviewBy.toISOString() } : {}),
      resolveBy: complaint.resolveBy.toISOString(),
    },
    history,
  };
  // The same rule as the status answer on the channels: the page and a "status" message agree.
  const next = nextDeadline(lifecycleOf(complaint), now);
  if (next) view.next = { kind: next.kind, by: next.by.toISOString() };
  if (complaint.state === 'waiting_for_customer') {
    const waitingFor = requestedDetails(complaint, history);
    if (waitingFor.length > 0) view.waitingFor = waitingFor;
  }
  if (complaint.mergedInto) view.mergedInto = complaint.mergedInto;
  return view;
}

/** The customer-facing steps, oldest first; complaints older than the history table get their arrival. */
function customerHistory(complaint: ComplaintEntity, lines: StepLine[], shown: readonly string[]): CustomerStepView[] {
  const steps = lines
    .filter((line): line is StepLine & { step: string } => line.step !== null)
    .map((line) => ({ at: line.at, step: line.step, details: customerDetails(line.details, shown) }));
  if (!steps.some((line) => line.step === 'complaint.received')) {
    steps.unshift({ at: complaint.receivedAt, step: 'complaint.received', details: { acceptBy: complaint.acceptBy.toISOString() } });
  }
  // Stable: lines of the same instant stay in the order they were written.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  return steps.map((line) => ({ at: line.at.toISOString(), step: line.step, details: line.details }));
}

function customerDetails(details: Record<string, string> | null, keys: readonly string[]): Record<string, string> {
  const shown: Record<string, string> = {};
  if (!details) return shown;
  for (const key of keys) {
    const value = details[key];
    if (typeof value === 'string' && value.length > 0) shown[key] = value;
  }
  return shown;
}

/** What the last request asked for; the lifecycle record covers a request made before history lines had steps. */
function requestedDetails(complaint: ComplaintEntity, history: CustomerStepView[]): string[] {
  const asked = history.filter((line) => line.step === 'complaint.details-requested').at(-1)?.details.requested;
  if (asked !== undefined) {
    return asked
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }
  return [...(complaint.lifecycle?.requested?.what ?? [])];
}
