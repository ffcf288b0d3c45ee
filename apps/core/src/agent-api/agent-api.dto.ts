import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional,
  IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { CleanName, CleanText, CONSULTATION_KINDS, type ConsultationKind } from '@plaint/contracts';
import { REVIEW_RESULT_MAX_LENGTH } from '@plaint/domain';
import { CHANNELS, COMPLAINT_STATES, LANGUAGES } from './agent-api.constants';

export const DUE_FILTERS = ['today', 'overdue'] as const;
export const LIST_SORTS = ['deadline', 'newest', 'oldest'] as const;

/** GET /api/v1/agent/complaints */
export class ListComplaintsQuery {
  @ApiPropertyOptional({ description: 'Comma-separated states', example: 'received,accepted' })
  @IsOptional() @Matches(/^[a-z_]+(,[a-z_]+)*$/) state?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: string;
  @ApiPropertyOptional({ description: '"me", "none" or an agent id' })
  @IsOptional() @Matches(/^(me|none|[0-9a-f-]{36})$/) assignee?: string;
  @ApiPropertyOptional({ description: 'Only complaints with a running deadline before this instant (ISO 8601)' })
  @IsOptional() @IsISO8601({ strict: true }) deadlineBefore?: string;
  @ApiPropertyOptional({ description: 'Only call-me requests' }) @IsOptional() @IsIn(['true', 'false']) callback?: string;
  @ApiPropertyOptional({
    description: 'Search: the reference (with or without dashes), phone digits, or words that must all appear in the customer’s name, e-mail address, the essence or a message',
    example: 'washing machine',
  })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({
    enum: DUE_FILTERS,
    description: 'The earliest running deadline: overdue (passed) or today (not passed, ends before midnight in the company’s time zone)',
  })
  @IsOptional() @IsIn(DUE_FILTERS) due?: (typeof DUE_FILTERS)[number];
  @ApiPropertyOptional({ enum: LIST_SORTS, default: 'deadline', description: 'deadline: the nearest running deadline first, passed ones first; done and waiting ones last' })
  @IsOptional() @IsIn(LIST_SORTS) sort?: (typeof LIST_SORTS)[number];
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class AssignDto {
  @ApiPropertyOptional({ description: 'The agent to assign; yourself when absent; null to unassign (supervisors)', nullable: true })
  @IsOptional() @IsUUID() agentId?: string | null;
}

export class RequestDetailsDto {
  @ApiProperty({ description: 'What is asked for: fullName, contact, essence, or words such as "receipt number"', type: [String] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true })
  what!: string[];
  @ApiPropertyOptional({ description: 'Whom the details are asked from', default: 'customer' })
  @IsOptional() @IsString() @MaxLength(200) from?: string;
}

export class FinishReviewDto {
  @ApiProperty({
    description: 'The review’s result, sent to the customer in writing: what was found and every step taken',
    maxLength: REVIEW_RESULT_MAX_LENGTH,
  })
  @IsString() @IsNotEmpty() @MaxLength(REVIEW_RESULT_MAX_LENGTH) result!: string;
}

export class ReplyDto {
  @ApiProperty({ description: 'The written answer, delivered on the complaint’s channel' })
  @IsString() @IsNotEmpty() @MaxLength(10000) text!: string;
}

export class NoteDto {
  @ApiProperty({ description: 'An internal note for staff; never sent to the customer' })
  @IsString() @IsNotEmpty() @MaxLength(4000) text!: string;
}

export class ExtendDto {
  @ApiProperty({ description: 'Why the complaint cannot be resolved in time; the customer is told' })
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiProperty({ description: 'The new resolution date (YYYY-MM-DD, the end of that day in the company’s time zone)', example: '2027-01-15' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) newDate!: string;
}

export class OralOutcomeDto {
  @ApiProperty({ description: 'The customer agreed to be told orally, and this agreement is recorded' })
  @IsBoolean() agreementRecorded!: boolean;
  @ApiProperty({ description: 'False only when the customer declined the short written confirmation' })
  @IsBoolean() writtenConfirmation!: boolean;
}

export class ResolveDto {
  @ApiProperty({ description: 'The outcome, in writing' }) @IsString() @IsNotEmpty() @MaxLength(10000) outcome!: string;
  @ApiProperty({ description: 'Root-cause category, for the compliance report', example: 'delivery-delay' })
  @IsString() @IsNotEmpty() @MaxLength(100) rootCause!: string;
  @ApiPropertyOptional({ type: OralOutcomeDto }) @IsOptional() @ValidateNested() @Type(() => OralOutcomeDto) oral?: OralOutcomeDto;
}

export class RejectDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class MergeDto {
  @ApiProperty({ description: 'Reference of the complaint that goes on', example: '7K3M-9QXD-2HFA' })
  @IsString() @IsNotEmpty() @MaxLength(32) into!: string;
}

export class NoticeChannelDto {
  @ApiProperty({ enum: ['email', 'original'], description: 'email: the address the customer gave; original: the channel the complaint came from' })
  @IsIn(['email', 'original']) channel!: 'email' | 'original';
}

export const CALLBACK_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;

export class CallbackAttemptDto {
  @ApiProperty({ enum: CALLBACK_RESULTS }) @IsIn(CALLBACK_RESULTS) result!: (typeof CALLBACK_RESULTS)[number];
  @ApiPropertyOptional({ description: 'What was agreed on the call' }) @IsOptional() @IsString() @MaxLength(4000) agreed?: string;
}

export const STAFF_CHANNELS = ['phone', 'complaint_book', 'consultation'] as const;

export class StaffIntakeDto {
  @ApiProperty({ enum: STAFF_CHANNELS }) @IsIn(STAFF_CHANNELS) channel!: (typeof STAFF_CHANNELS)[number];
  @ApiProperty({ description: 'Surname, given name, patronymic where used' }) @CleanName() @IsString() @IsNotEmpty() @MaxLength(300) fullName!: string;
  @ApiPropertyOptional({ description: 'Phone number; a phone or an e-mail address is required' }) @CleanText() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @CleanText() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @ApiProperty({ description: 'The essence of the complaint' }) @CleanText() @IsString() @IsNotEmpty() @MaxLength(20000) essence!: string;
  @ApiPropertyOptional({ description: 'The employee who served the customer; for a consultation, the consultant (required)' }) @CleanName() @IsOptional() @IsString() @MaxLength(300) employeeName?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: (typeof LANGUAGES)[number];
  @ApiPropertyOptional({ description: 'complaint_book: the store' }) @CleanName() @IsOptional() @IsString() @MaxLength(200) store?: string;
  @ApiPropertyOptional({ description: 'complaint_book: the date of the entry, YYYY-MM-DD' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) entryDate?: string;
  @ApiPropertyOptional({ description: 'complaint_book: id of a scan uploaded to /api/v1/agent/scans' }) @IsOptional() @IsUUID() scanId?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_KINDS, description: 'consultation (required there, refused elsewhere): a video or a mobile consultation' })
  @IsOptional() @IsIn(CONSULTATION_KINDS) consultationKind?: ConsultationKind;
  @ApiPropertyOptional({ description: 'Makes a repeated submission one complaint' }) @IsOptional() @IsString() @MaxLength(200) idempotencyKey?: string;
}

export class MergeCustomersDto {
  @ApiProperty({ description: 'The customer record that goes on' }) @IsUUID() into!: string;
}

/** A report's local days, YYYY-MM-DD: from included, to excluded. */
export class ReportPeriodQuery {
  @ApiProperty({ example: '2026-11-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from!: string;
  @ApiProperty({ description: 'Exclusive', example: '2026-12-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) to!: string;
}

/** GET /api/v1/agent/reports/compliance */
export class ComplianceReportQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export const COMPLIANCE_COMPLAINTS_FORMATS = ['json', 'csv', 'html'] as const;

/** GET /api/v1/agent/reports/compliance/complaints: the period, and what to keep of it. */
export class ComplianceComplaintsQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: COMPLIANCE_COMPLAINTS_FORMATS, default: 'json', description: 'html: one printable document (A4 landscape) with a chart of the deadlines kept per week' })
  @IsOptional()
  @IsIn(COMPLIANCE_COMPLAINTS_FORMATS)
  format?: (typeof COMPLIANCE_COMPLAINTS_FORMATS)[number];
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only complaints that came on this channel' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;
  @ApiPropertyOptional({ enum: ['met', 'missed', 'pending'], description: 'met: every deadline met; missed: any missed; pending: none missed, some still running' })
  @IsOptional()
  @IsIn(['met', 'missed', 'pending'])
  outcome?: 'met' | 'missed' | 'pending';
}

/** GET /api/v1/agent/calendar: both dates, or neither for the current month. */
export class BusinessDaysQuery {
  @ApiPropertyOptional({ description: 'The first day, YYYY-MM-DD', example: '2026-12-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
  @ApiPropertyOptional({ description: 'The last day, YYYY-MM-DD (included); at most 366 days after from', example: '2026-12-31' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) to?: string;
}

export { COMPLAINT_STATES };
