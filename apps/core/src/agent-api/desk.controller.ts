import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiDefaultResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertView, CallbackTaskView, ComplianceComplaintsView, DashboardView, CustomerMergeUndoneView, CustomerMergeView, ErrorView, IntakeAcceptedView, ScanView } from './agent-api.responses';
import type { Request, Response } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { BusinessCalendar, Clock } from '@plaint/domain';
import { correlationIdFrom } from '@plaint/observability';
import { AuditTrail } from '../audit/audit-trail';
import { AgentAuthGuard } from '../auth/agent-auth.guard';
import { CurrentAgent, type SignedInAgent } from '../auth/current-agent.decorator';
import { Roles } from '../auth/roles.decorator';
import { complianceReport, complianceReportCsv } from '../reports/compliance-report';
import { LoadComplianceRows } from '../reports/load-compliance-rows';
import { complianceComplaintRows, complianceComplaintsCsv } from '../reports/compliance-complaints';
import { LoadComplianceComplaints } from '../reports/load-compliance-complaints';
import { COMPLIANCE_REPORT_CSP, complianceReportHtml } from '../reports/compliance-report-html';
import { ComplianceComplaintsQuery, ComplianceReportQuery, MergeCustomersDto, ReportPeriodQuery, StaffIntakeDto } from './agent-api.dto';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentApiRefused } from './agent-api.errors';
import { ListCallbackTasks } from './callback-tasks.use-case';
import { AcknowledgeAlert } from './acknowledge-alert.use-case';
import { ListAlerts } from './list-alerts.use-case';
import { ReadDashboard } from './read-dashboard.use-case';
import { MergeCustomers } from './merge-customers.use-case';
import { RegisterStaffComplaint } from './register-staff-complaint.use-case';
import { StoreScan } from './store-scan.use-case';

/** Staff intake, call-back tasks, SLA alerts, customer records and the compliance report. */
@ApiTags('desk')
@ApiBearerAuth()
@Controller('api/v1/agent')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class DeskController {
  constructor(
    private readonly register: RegisterStaffComplaint,
    private readonly storeScan: StoreScan,
    private readonly callbacks: ListCallbackTasks,
    private readonly customers: MergeCustomers,
    private readonly complianceRows: LoadComplianceRows,
    private readonly complianceComplaints: LoadComplianceComplaints,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly listAlerts: ListAlerts,
    private readonly acknowledgeAlert: AcknowledgeAlert,
    private readonly dashboard: ReadDashboard,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly audit: AuditTrail,
  ) {}

  @Post('intake')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: IntakeAcceptedView })
  @ApiOperation({ summary: 'Register a complaint taken by phone, in a video or mobile consultation, or from the complaint book; it travels the bus into core like any channel message' })
  intake(@Body() body: StaffIntakeDto, @CurrentAgent() agent: SignedInAgent, @Headers('x-correlation-id') correlationId?: string): Promise<IntakeAcceptedView> {
    return this.register.execute(body, agent, correlationIdFrom(correlationId));
  }

  @Post('scans')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ScanView })
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'application/pdf')
  @ApiOperation({ summary: 'Upload the scan of a complaint-book page (raw body); use its id in intake' })
  async scan(@Req() request: Request, @Headers('content-type') contentType?: string, @Headers('x-filename') filename?: string): Promise<ScanView> {
    const scan = await this.storeScan.execute(request, contentType ?? '', filename ?? 'scan');
    return { id: scan.id, contentType: scan.contentType, size: scan.size, sha256: scan.sha256 };
  }

  @Get('callbacks')
  @ApiOkResponse({ type: [CallbackTaskView] })
  @ApiOperation({ summary: 'Call-me requests not reached yet, oldest first' })
  async callbackTasks(@CurrentAgent() agent: SignedInAgent): Promise<CallbackTaskView[]> {
    const tasks = await this.callbacks.execute(agent);
    // The tasks carry the customers' names and phone numbers.
    await this.audit.record({ actorId: agent.id, action: 'complaints.listed', subject: { kind: 'complaint', id: null }, details: { list: 'callbacks', count: tasks.length } });
    return tasks;
  }

  @Get('alerts')
  @ApiOkResponse({ type: [AlertView] })
  @ApiOperation({ summary: 'Deadline warnings (yours, and the unassigned queue’s); supervisors also see escalations' })
  alerts(@CurrentAgent() agent: SignedInAgent): Promise<AlertView[]> {
    return this.listAlerts.execute(agent);
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark an alert as seen' })
  acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAgent() agent: SignedInAgent): Promise<void> {
    return this.acknowledgeAlert.execute(id, agent);
  }

  @Get('customers/:id')
  @Roles('supervisor')
  @ApiOperation({ summary: 'A customer record: identities, complaints, merges (supervisors)' })
  async customer(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAgent() agent: SignedInAgent) {
    const view = await this.customers.view(id);
    await this.audit.record({ actorId: agent.id, action: 'customer.read', subject: { kind: 'customer', id } });
    return view;
  }

  @Post('customers/:id/merge')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CustomerMergeView })
  @Roles('supervisor')
  @ApiOperation({ summary: 'Link this customer record into another: identities and complaints move (supervisors)' })
  async mergeCustomer(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: MergeCustomersDto, @CurrentAgent() agent: SignedInAgent): Promise<CustomerMergeView> {
    const merge = await this.customers.merge(id, body.into, agent);
    return { id: merge.id, source: merge.sourceCustomerId, target: merge.targetCustomerId, identities: merge.identityIds.length, complaints: merge.complaintIds.length };
  }

  @Post('customer-merges/:id/undo')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerMergeUndoneView })
  @Roles('supervisor')
  @ApiOperation({ summary: 'Undo a customer merge exactly (supervisors)' })
  async unmergeCustomer(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAgent() agent: SignedInAgent): Promise<CustomerMergeUndoneView> {
    const merge = await this.customers.unmerge(id, agent);
    return { id: merge.id, source: merge.sourceCustomerId, target: merge.targetCustomerId, unmergedAt: merge.unmergedAt?.toISOString() };
  }

  @Get('dashboard')
  @Roles('supervisor')
  @ApiOkResponse({ type: DashboardView })
  @ApiOperation({ summary: 'Open complaints by state and by deadline, breaches and near-breaches (supervisors)' })
  showDashboard(@CurrentAgent() agent: SignedInAgent): Promise<DashboardView> {
    return this.dashboard.execute(agent);
  }

  @Get('reports/compliance')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Compliance with the policy for complaints received in a period, as JSON or CSV (supervisors)' })
  async compliance(@Query() query: ComplianceReportQuery, @Res({ passthrough: true }) response: Response) {
    const period = this.reportPeriod(query);
    const report = complianceReport(await this.complianceRows.execute(period), period, {
      acceptWithinBusinessDays: this.config.policy.acceptWithinBusinessDays,
      resolveWithinBusinessDays: this.config.policy.resolveWithinBusinessDays,
    });
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="compliance-${query.from}-${query.to}.csv"`);
    return complianceReportCsv(report);
  }

  @Get('reports/compliance/complaints')
  @Roles('supervisor')
  @ApiOkResponse({
    type: ComplianceComplaintsView,
    description: 'JSON; with format=csv, text/csv with one line per complaint; with format=html, one printable text/html document (A4 landscape) with the headline counts, a chart of the deadlines kept per week and every complaint',
  })
  @ApiOperation({ summary: 'The complaints received in a period one by one: deadlines, steps, met or missed, extensions, notices; as JSON, CSV or a printable HTML report (supervisors)' })
  async complianceComplaintList(@Query() query: ComplianceComplaintsQuery, @Res({ passthrough: true }) response: Response): Promise<ComplianceComplaintsView | string> {
    const period = this.reportPeriod(query);
    const filter = { ...(query.channel ? { channel: query.channel } : {}), ...(query.outcome ? { outcome: query.outcome } : {}) };
    const now = this.clock.now();
    const rows = complianceComplaintRows(await this.complianceComplaints.execute(period), filter, now);
    if (query.format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="compliance-complaints-${query.from}-${query.to}.csv"`);
      return complianceComplaintsCsv(rows);
    }
    if (query.format === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Content-Disposition', `inline; filename="compliance-complaints-${query.from}-${query.to}.html"`);
      // The API's own policy allows stylesheets from our files only; this document's one
      // stylesheet is inline, so it gets a policy of its own that lets exactly that through.
      response.setHeader('Content-Security-Policy', COMPLIANCE_REPORT_CSP);
      return complianceReportHtml({ from: query.from, to: query.to, filter, rows, timeZone: this.calendar.timeZone, localDate: (instant) => this.calendar.localDate(instant), generatedAt: now });
    }
    return { period: { from: period.from.toISOString(), to: period.to.toISOString() }, complaints: rows };
  }

  /** [from, to) from the company's local days. */
  private reportPeriod(query: ReportPeriodQuery): { from: Date; to: Date } {
    let period: { from: Date; to: Date };
    try {
      period = { from: this.calendar.startOfDay(query.from), to: this.calendar.startOfDay(query.to) };
    } catch {
      throw new AgentApiRefused('invalid', 'from and to must be dates (YYYY-MM-DD)');
    }
    if (period.to.getTime() <= period.from.getTime()) throw new AgentApiRefused('invalid', 'to must be after from');
    return period;
  }
}
