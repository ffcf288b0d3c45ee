import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiDefaultResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplaintDetailView, ComplaintListView, ComplaintSummaryView, ComplaintTimelineView, ErrorView } from './agent-api.responses';
import { BusinessCalendar, Clock } from '@plaint/domain';
import { AgentAuthGuard } from '../auth/agent-auth.guard';
import { CurrentAgent, type SignedInAgent } from '../auth/current-agent.decorator';
import type { AgentRole } from '../auth/agent-role';
import { Roles } from '../auth/roles.decorator';
import {
  AssignDto,
  CallbackAttemptDto,
  ExtendDto,
  FinishReviewDto,
  ListComplaintsQuery,
  MergeDto,
  NoteDto,
  NoticeChannelDto,
  RejectDto,
  ReplyDto,
  RequestDetailsDto,
  ResolveDto,
} from './agent-api.dto';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentApiRefused } from './agent-api.errors';
import { complaintSummary, ListComplaints, ReadComplaint } from './read-complaints.use-case';
import { ReadTimeline } from './read-timeline.use-case';
import { type AgentWork, WorkOnComplaint } from './work-on-complaint.use-case';

/** A step an agent takes on one complaint (POST :id/<path>); answers with the complaint after it. */
function ComplaintStep(path: string, summary: string, ...roles: AgentRole[]) {
  return applyDecorators(
    Post(`:id/${path}`),
    HttpCode(200),
    ...(roles.length > 0 ? [Roles(...roles)] : []),
    ApiOkResponse({ type: ComplaintSummaryView, description: 'The complaint after the change' }),
    ApiOperation({ summary }),
  );
}

/**
 * The agent's work on complaints. Thin: each route builds the command and hands it to a use
 * case; refusals become HTTP answers in CoreErrorFilter. `:id` is the complaint's id or the
 * reference the customer quotes.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/v1/agent/complaints')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class ComplaintsController {
  constructor(
    private readonly list: ListComplaints,
    private readonly read: ReadComplaint,
    private readonly timeline: ReadTimeline,
    private readonly work: WorkOnComplaint,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: ComplaintListView })
  @ApiOperation({ summary: 'List and filter complaints (agents see their own and the unassigned queue)' })
  async index(@Query() query: ListComplaintsQuery, @CurrentAgent() agent: SignedInAgent) {
    return this.list.execute(query, agent);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintDetailView })
  @ApiOperation({ summary: 'One complaint with its messages, audit history, notices, call-back attempts and SLA alerts' })
  async show(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.read.execute(id, agent);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: ComplaintTimelineView })
  @ApiOperation({ summary: 'The desk’s view of one complaint: the actions allowed now, the customer card, and one timeline of messages, notices, steps, notes and merges' })
  async showTimeline(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent): Promise<ComplaintTimelineView> {
    return this.timeline.execute(id, agent);
  }

  @ComplaintStep('assign', 'Take a complaint, or (supervisors) assign it to an agent or unassign it')
  async assign(@Param('id') id: string, @Body() body: AssignDto, @CurrentAgent() agent: SignedInAgent) {
    return this.do(id, { type: 'assign', agentId: body.agentId === undefined ? agent.id : body.agentId }, agent);
  }

  @ComplaintStep('accept', 'Accept (register and acknowledge); missing required details are asked for at once')
  async accept(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'accept' }, agent);
  }

  @ComplaintStep('review', 'Start the review of an accepted complaint')
  async review(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'startReview' }, agent);
  }

  @ComplaintStep('finish-review', 'Finish the review: its result in writing (the findings and the steps taken) goes to the customer; the resolution may follow later')
  async finishReview(@Param('id') id: string, @Body() body: FinishReviewDto, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'finishReview', result: body.result }, agent);
  }

  @ComplaintStep('request-details', 'Ask the customer for details; the SLA clock waits for the answer')
  async requestDetails(@Param('id') id: string, @Body() body: RequestDetailsDto, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'requestDetails', what: body.what, from: body.from ?? 'customer' }, agent);
  }

  @ComplaintStep('replies', 'Write to the customer on the complaint’s channel')
  async reply(@Param('id') id: string, @Body() body: ReplyDto, @CurrentAgent() agent: SignedInAgent) {
    return this.do(id, { type: 'reply', text: body.text }, agent);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ComplaintSummaryView, description: 'The complaint; the note is in its history' })
  @ApiOperation({ summary: 'Write an internal note: a history line and a post to staff, never a word to the customer' })
  async note(@Param('id') id: string, @Body() body: NoteDto, @CurrentAgent() agent: SignedInAgent) {
    return this.do(id, { type: 'note', text: body.text }, agent);
  }

  @ComplaintStep('extend', 'Extend the resolution deadline, before it passes, with a reason and a new date the customer is told')
  async extend(@Param('id') id: string, @Body() body: ExtendDto, @CurrentAgent() agent: SignedInAgent) {
    let newDate: Date;
    try {
      newDate = this.calendar.endOfDay(body.newDate);
    } catch {
      throw new AgentApiRefused('invalid', `newDate ${body.newDate} is not a date`);
    }
    return this.lifecycle(id, { type: 'extend', reason: body.reason, newDate }, agent);
  }

  @ComplaintStep('resolve', 'Resolve with the outcome in writing and its root cause (orally only with recorded agreement)')
  async resolve(@Param('id') id: string, @Body() body: ResolveDto, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'resolve', outcome: body.outcome, rootCause: body.rootCause, oral: body.oral }, agent);
  }

  @ComplaintStep('close', 'Close a resolved complaint')
  async close(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'close' }, agent);
  }

  @ComplaintStep('reject', 'Reject with a reason the customer is told (supervisors)', 'supervisor')
  async reject(@Param('id') id: string, @Body() body: RejectDto, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'reject', reason: body.reason }, agent);
  }

  @ComplaintStep('merge', 'Merge a duplicate into another complaint; the customer is told the surviving reference (supervisors)', 'supervisor')
  async merge(@Param('id') id: string, @Body() body: MergeDto, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'merge', into: body.into }, agent);
  }

  @ComplaintStep('unmerge', 'Undo a merge, manual or automatic: the complaint returns to its earlier state (supervisors)', 'supervisor')
  async unmerge(@Param('id') id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.lifecycle(id, { type: 'unmerge' }, agent);
  }

  @ComplaintStep('notice-channel', 'Where the customer wants written notices: "email" (the address they gave) or "original" (the channel they came from)')
  async noticeChannel(@Param('id') id: string, @Body() body: NoticeChannelDto, @CurrentAgent() agent: SignedInAgent) {
    return this.do(id, { type: 'noticeChannel', channel: body.channel }, agent);
  }

  @Post(':id/callback-attempts')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ComplaintSummaryView, description: 'The complaint after the change' })
  @ApiOperation({ summary: 'Log a call-back attempt and what was agreed' })
  async callbackAttempt(@Param('id') id: string, @Body() body: CallbackAttemptDto, @CurrentAgent() agent: SignedInAgent) {
    return this.do(id, { type: 'callbackAttempt', result: body.result, agreed: body.agreed }, agent);
  }

  private lifecycle(id: string, command: Extract<AgentWork, { type: 'lifecycle' }>['command'], agent: SignedInAgent) {
    return this.do(id, { type: 'lifecycle', command }, agent);
  }

  private async do(id: string, work: AgentWork, agent: SignedInAgent): Promise<ComplaintSummaryView> {
    const row = await this.work.execute(id, work, agent);
    return complaintSummary(row, this.clock.now(), this.calendar);
  }
}
