import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, COMPLAINT_STATES } from '../agent-api/agent-api.constants';

/** What the customer API answers. Instants are ISO 8601 in UTC; the page shows them in the company's time zone. */

export class SignInLinkRequestedView {
  @ApiProperty({ example: 'If we know this contact, a sign-in link is on its way to it.' }) message!: string;
}

export class CustomerSessionView {
  @ApiProperty({ description: 'The contact the session was opened with, partly hidden', example: 'a•••@example.az' }) contact!: string;
  @ApiProperty({ enum: ['email', 'phone', 'platform'] }) contactKind!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class CustomerNextDateView {
  @ApiProperty({ enum: ['accept', 'review', 'resolve'] }) kind!: 'accept' | 'review' | 'resolve';
  @ApiProperty({ format: 'date-time' }) by!: string;
}

export class CustomerDeadlinesView {
  @ApiProperty({ format: 'date-time' }) acceptBy!: string;
  @ApiPropertyOptional({ format: 'date-time' }) reviewBy?: string;
  @ApiProperty({ format: 'date-time' }) resolveBy!: string;
}

export class CustomerStepItemView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'complaint.accepted', description: 'The step the customer was told of (a complaint event type)' }) step!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Dates, reason, the review’s result, outcome, what was asked for, an agent’s written answer' })
  details!: Record<string, string>;
}

export class CustomerMessageView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() text!: string;
}

export class CustomerComplaintView {
  @ApiProperty({ example: 'K7QM-4MXA-9ZZ1' }) reference!: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) status!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: CustomerDeadlinesView }) deadlines!: CustomerDeadlinesView;
  @ApiPropertyOptional({ type: CustomerNextDateView, description: 'The next date we are bound by; none while we wait for the customer or once done' })
  next?: CustomerNextDateView;
  @ApiPropertyOptional({ type: [String], description: 'While we wait for the customer: what we asked for' }) waitingFor?: string[];
  @ApiPropertyOptional({ description: 'The reference this complaint goes on as, when merged' }) mergedInto?: string;
  @ApiProperty({ type: [CustomerStepItemView], description: 'The steps the customer was told of, oldest first' }) history!: CustomerStepItemView[];
  @ApiProperty({ type: [CustomerMessageView], description: 'What the customer wrote on this page, oldest first' }) messages!: CustomerMessageView[];
  @ApiProperty({ description: 'Whether the customer can write to it here (it is still being handled)' }) canWrite!: boolean;
}

export class MyComplaintsView {
  @ApiProperty({ type: CustomerSessionView }) session!: CustomerSessionView;
  @ApiProperty({ type: [CustomerComplaintView], description: 'Newest first' }) complaints!: CustomerComplaintView[];
}

export class CustomerMessageAcceptedView {
  @ApiProperty() messageId!: string;
}
