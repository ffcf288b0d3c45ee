import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, COMPLAINT_STATES, LANGUAGES, NOTICE_ROUTES } from './agent-api.constants';
import { COMPLAINT_ACTIONS } from './complaint-actions';

/**
 * What the agent API answers, described for the OpenAPI document. Instants are ISO 8601 strings
 * in UTC; the agent's screen shows them in the company's time zone.
 */

/**
 * The business time between the answer and a deadline (docs/desk.md, "Time left, the date
 * picker and the deadline filter"): the rest of today if it is a business day, then each
 * business day up to the deadline's. Weekends, public holidays and decree days off count nothing.
 */
export class BusinessTimeLeftView {
  @ApiProperty({ description: 'The deadline has passed; the figures are then the business time since it' }) overdue!: boolean;
  @ApiProperty({ minimum: 0, description: 'Whole business days, each 24 hours of business time' }) days!: number;
  @ApiProperty({ minimum: 0, maximum: 23, description: 'Hours beyond the whole days' }) hours!: number;
  @ApiProperty({ minimum: 0, maximum: 59, description: 'Minutes beyond the hours' }) minutes!: number;
}

export class NextDeadlineView {
  @ApiProperty({ enum: ['accept', 'review', 'resolve'] }) kind!: 'accept' | 'review' | 'resolve';
  @ApiProperty({ format: 'date-time', description: 'The end of a business day in the company’s time zone' }) by!: string;
  @ApiProperty({
    type: BusinessTimeLeftView,
    description: 'Time left until `by` on the company’s business calendar, as of the answer',
    example: { overdue: false, days: 3, hours: 9, minutes: 0 },
  })
  businessTimeLeft!: BusinessTimeLeftView;
}

export class ComplaintDeadlinesView {
  @ApiProperty({ format: 'date-time' }) acceptBy!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewBy!: string | null;
  @ApiProperty({ format: 'date-time' }) resolveBy!: string;
  @ApiProperty({ type: NextDeadlineView, nullable: true, description: 'The next date the customer can hold us to; none while waiting for them or once done' })
  next!: NextDeadlineView | null;
}

export class CustomerContactView {
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
}

/** A complaint as the agent list shows it, and as every change answers it. */
export class ComplaintSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'K7QM-4MXA-9ZZ1' }) reference!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ type: CustomerContactView }) customer!: CustomerContactView;
  @ApiProperty() essence!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty() callbackRequested!: boolean;
  @ApiProperty({ type: [String], description: 'Required details still missing: fullName, contact, essence' }) missingDetails!: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: ComplaintDeadlinesView }) deadlines!: ComplaintDeadlinesView;
  @ApiProperty({ nullable: true, type: String, description: 'The surviving reference, once merged' }) mergedInto!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The employee who forwarded the customer’s mail' }) forwardedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the complaint needs an agent’s eye before anything is sent' }) attention!: string | null;
}

export class ComplaintListView {
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [ComplaintSummaryView] }) items!: ComplaintSummaryView[];
}

export class ComplaintMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: ['attached', 'ignored', 'status_query', 'sign_in_request'] }) status!: string;
  @ApiProperty() text!: string;
  @ApiProperty() automated!: boolean;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class ActorView {
  @ApiProperty({ enum: ['customer', 'agent', 'system'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) id!: string | null | undefined;
}

export class HistoryLineView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorView }) actor!: ActorView;
  @ApiProperty({ enum: COMPLAINT_STATES }) from!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) to!: string;
  @ApiProperty({ description: 'Internal wording for agents and auditors' }) why!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The step the customer was told of in writing, if any' }) step!: string | null;
  @ApiProperty({ nullable: true, type: Object }) details!: unknown;
}

export class NoticeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: NOTICE_ROUTES, nullable: true, description: 'How it travels; null for the live chat or no written channel' }) route!: string | null;
  @ApiProperty({ nullable: true, type: String }) recipient!: string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'pending, sent, failed, held…' }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed or was held, e.g. the mail server’s diagnostic' }) statusReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ enum: ['delivered', 'read'], nullable: true, description: 'What the platform reported after accepting it' }) receipt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) receiptAt!: string | null;
}

export class CallbackAttemptView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() result!: string;
  @ApiProperty({ nullable: true, type: String }) agreed!: string | null;
}

export class ComplaintAlertView {
  @ApiProperty({ enum: ['accept', 'review', 'resolve'] }) deadline!: string;
  @ApiProperty({ enum: ['warning', 'breach'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['assignee', 'supervisors'] }) audience!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SharedContactView {
  @ApiProperty() kind!: string;
  @ApiProperty() value!: string;
}

export class UnverifiedMatchView {
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: SharedContactView }) sharedContact!: SharedContactView;
  @ApiProperty({ enum: [false] }) verified!: false;
}

/** One complaint with everything an agent works from. */
export class ComplaintDetailView extends ComplaintSummaryView {
  @ApiProperty({ nullable: true, type: String }) employeeName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The agent who registered it (phone, complaint book)' }) loggedBy!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Store, entry date and scan of a complaint-book entry; consultationKind (video, mobile) of a consultation' }) staffIntake!: unknown;
  @ApiProperty({ nullable: true, type: String }) relatedReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) rootCause!: string | null;
  @ApiProperty({ nullable: true, type: Object }) outcome!: unknown;
  @ApiProperty({ nullable: true, type: Object }) extension!: unknown;
  @ApiProperty({ nullable: true, type: Object }) requested!: unknown;
  @ApiProperty({ type: [String], description: 'References of the complaints merged into this one' }) mergedComplaints!: string[];
  @ApiProperty({ type: [UnverifiedMatchView], description: 'Other customer records sharing an unproven contact; never linked automatically' })
  unverifiedMatches!: UnverifiedMatchView[];
  @ApiProperty({ type: [ComplaintMessageView] }) messages!: ComplaintMessageView[];
  @ApiProperty({ type: [HistoryLineView], description: 'Arrival first, then every change' }) history!: HistoryLineView[];
  @ApiProperty({ type: [NoticeView] }) notices!: NoticeView[];
  @ApiProperty({ type: [CallbackAttemptView] }) callbackAttempts!: CallbackAttemptView[];
  @ApiProperty({ type: [ComplaintAlertView] }) slaAlerts!: ComplaintAlertView[];
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ enum: ['accept', 'review', 'resolve'] }) deadline!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['warning', 'breach'] }) kind!: string;
  @ApiProperty({ enum: ['assignee', 'supervisors'] }) audience!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agentId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class IntakeAcceptedView {
  @ApiProperty({ description: 'The reference the customer is given' }) reference!: string;
  @ApiProperty({ description: 'The bus message carrying it into core' }) messageId!: string;
}

export class ScanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
}

export class LastCallbackAttemptView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() result!: string;
  @ApiProperty({ nullable: true, type: String }) agreed!: string | null;
}

export class CallbackTaskView {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty() essence!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The call is due by the acceptance deadline, as the call-me form told the customer' })
  callBy!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: LastCallbackAttemptView, nullable: true }) lastAttempt!: LastCallbackAttemptView | null;
}

export class CustomerMergeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) source!: string;
  @ApiProperty({ format: 'uuid' }) target!: string;
  @ApiProperty({ description: 'How many identities moved' }) identities!: number;
  @ApiProperty({ description: 'How many complaints moved' }) complaints!: number;
}

export class CustomerMergeUndoneView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) source!: string;
  @ApiProperty({ format: 'uuid' }) target!: string;
  @ApiPropertyOptional({ format: 'date-time' }) unmergedAt?: string;
}

export class TimelineComplaintView extends ComplaintSummaryView {
  @ApiProperty({ enum: COMPLAINT_ACTIONS, isArray: true, description: 'What this agent may do now: the lifecycle accepts exactly these (given valid input)' })
  actions!: string[];
}

export class IdentityView {
  @ApiProperty({ enum: ['email', 'phone', 'platform'] }) kind!: string;
  @ApiProperty({ description: 'Lower-case e-mail, E.164 phone, or "<channel>:<platform id>"' }) value!: string;
  @ApiProperty({ description: 'Proven by the channel (a reply from the address, a platform account); typed-in contacts are not' }) verified!: boolean;
}

export class OtherComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state!: string;
}

export class CustomerCardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ type: [IdentityView], description: 'The customer’s contacts on every channel' }) identities!: IdentityView[];
  @ApiProperty({ type: [OtherComplaintView], description: 'The customer’s other complaints, newest first' }) otherComplaints!: OtherComplaintView[];
}

export class TimelineActorView {
  @ApiProperty({ enum: ['customer', 'agent', 'system'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The agent’s display name or the customer’s name' }) name!: string | null;
}

export const TIMELINE_KINDS = ['message', 'notice', 'step', 'note', 'merge'] as const;

/**
 * One line of the timeline. Which fields it has depends on `kind`: message (channel, text,
 * automated, attachments), notice (eventType, route, status, reason, receipt), step (actor,
 * from, to, why, step), note and merge (actor, text).
 */
export class TimelineItemView {
  @ApiProperty({ enum: TIMELINE_KINDS }) kind!: (typeof TIMELINE_KINDS)[number];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ enum: CHANNELS, description: 'message' }) channel?: string;
  @ApiPropertyOptional({ description: 'message, note, merge; notice: what the customer was sent' }) text?: string;
  @ApiPropertyOptional({ description: 'message: sent by a machine (auto-reply, bounce)' }) automated?: boolean;
  @ApiPropertyOptional({ description: 'message: how many files came with it' }) attachments?: number;
  @ApiPropertyOptional({ description: 'notice: the step it tells of' }) eventType?: string;
  @ApiPropertyOptional({ enum: NOTICE_ROUTES, nullable: true, description: 'notice' }) route?: string | null;
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'], description: 'notice' }) status?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'notice: why it failed or waits' }) reason?: string | null;
  @ApiPropertyOptional({ enum: ['delivered', 'read'], nullable: true, description: 'notice: what the platform reported after accepting it' }) receipt?: string | null;
  @ApiPropertyOptional({ type: TimelineActorView, description: 'step, note, merge' }) actor?: TimelineActorView;
  @ApiPropertyOptional({ enum: COMPLAINT_STATES, description: 'step' }) from?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_STATES, description: 'step' }) to?: string;
  @ApiPropertyOptional({ description: 'step: internal wording for agents and auditors' }) why?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'step: the step the customer was told of in writing, if any' }) step?: string | null;
}

/** One complaint as the desk shows it: the summary with the allowed actions, the customer card, and everything that happened, oldest first. */
export class ComplaintTimelineView {
  @ApiProperty({ type: TimelineComplaintView }) complaint!: TimelineComplaintView;
  @ApiProperty({ type: CustomerCardView }) customer!: CustomerCardView;
  @ApiProperty({ type: [TimelineItemView] }) items!: TimelineItemView[];
}

export class DeadlineBucketsView {
  @ApiProperty({ description: 'The earliest running deadline has passed' }) overdue!: number;
  @ApiProperty({ description: 'It ends before midnight today (company’s time zone)' }) today!: number;
  @ApiProperty({ description: 'It ends within the seven days after today' }) week!: number;
  @ApiProperty({ description: 'It ends after that' }) later!: number;
}

/** The supervisor's dashboard. */
export class DashboardView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Complaints with work in them, by state', example: { received: 3, accepted: 1 } })
  byState!: Record<string, number>;
  @ApiProperty({ type: DeadlineBucketsView, description: 'Complaints with a running deadline, by when the earliest one falls' }) byDeadline!: DeadlineBucketsView;
  @ApiProperty({ type: [ComplaintSummaryView], description: 'Past a running deadline, the longest past first (at most 50)' }) breaches!: ComplaintSummaryView[];
  @ApiProperty({ type: [ComplaintSummaryView], description: 'Within the SLA clock’s warning window of one, the nearest first (at most 50)' }) nearBreaches!: ComplaintSummaryView[];
}

/** The business days of a period, from the company's calendar. */
export class BusinessDaysView {
  @ApiProperty({ description: 'The company’s time zone (IANA), in which the days are counted', example: 'Asia/Baku' }) timeZone!: string;
  @ApiProperty({ description: 'Today in that time zone, on the server’s clock (YYYY-MM-DD)', example: '2026-12-02' }) today!: string;
  @ApiProperty({ example: '2026-12-01' }) from!: string;
  @ApiProperty({ description: 'Included', example: '2026-12-31' }) to!: string;
  @ApiProperty({
    type: [String],
    description: 'The business days of the period in order (YYYY-MM-DD): not a weekend day, a public holiday or a decree’s day off, or a day worked by decree',
    example: ['2026-12-01', '2026-12-02'],
  })
  businessDays!: string[];
}

export class FieldProblemView {
  @ApiProperty() field!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

/** Every error core answers (errors/core-error.filter.ts). */
export class ErrorView {
  @ApiProperty() statusCode!: number;
  @ApiProperty({ description: 'What went wrong, in the user’s words' }) message!: string;
  @ApiProperty({ description: 'Stable code to act on: invalid, forbidden, not-found, invalid-transition, deadline-passed…' }) code!: string;
  @ApiPropertyOptional({ type: [FieldProblemView], description: 'Refused input, field by field' }) errors?: FieldProblemView[];
}

/** One deadline of a complaint in the compliance report, and whether it was kept. */
export class ComplianceDeadlineView {
  @ApiProperty({ format: 'date-time' }) by!: string;
  @ApiProperty({
    enum: ['met', 'missed', 'pending', 'none'],
    description: 'met: the step came by it; missed: later, or not yet and it passed; pending: still in time or waiting for the customer; none: ended in time without needing the step',
  })
  status!: 'met' | 'missed' | 'pending' | 'none';
}

export class ComplianceExtensionView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) previousDate!: string;
  @ApiProperty({ format: 'date-time' }) newDate!: string;
}

export class ComplianceNoticeView {
  @ApiProperty({ example: 'complaint.accepted', description: 'The step it told the customer of' }) event!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: NOTICE_ROUTES, nullable: true, type: String }) route!: string | null;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ enum: ['delivered', 'read'], nullable: true, type: String }) receipt!: string | null;
}

/** One complaint of the compliance report: no name or contact, the reference only. */
export class ComplianceComplaintView {
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acceptedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewStartedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the review was finished with its written result; the review deadline is measured by it, or by resolvedAt when the resolution came first',
  })
  reviewedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was rejected, withdrawn or merged' }) endedAt!: string | null;
  @ApiProperty({ type: ComplianceDeadlineView }) accept!: ComplianceDeadlineView;
  @ApiProperty({ type: ComplianceDeadlineView, nullable: true, description: 'Set on acceptance' }) review!: ComplianceDeadlineView | null;
  @ApiProperty({ type: ComplianceDeadlineView, description: 'The deadline in force, after any extension' }) resolve!: ComplianceDeadlineView;
  @ApiProperty({ type: ComplianceDeadlineView, description: 'The first resolution deadline, as if never extended' }) originalResolve!: ComplianceDeadlineView;
  @ApiProperty({ enum: ['met', 'missed', 'pending'] }) outcome!: 'met' | 'missed' | 'pending';
  @ApiProperty({ type: [ComplianceExtensionView] }) extensions!: ComplianceExtensionView[];
  @ApiProperty({ type: [ComplianceNoticeView] }) notices!: ComplianceNoticeView[];
}

export class CompliancePeriodView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to!: string;
}

export class ComplianceComplaintsView {
  @ApiProperty({ type: CompliancePeriodView }) period!: CompliancePeriodView;
  @ApiProperty({ type: [ComplianceComplaintView] }) complaints!: ComplianceComplaintView[];
}
