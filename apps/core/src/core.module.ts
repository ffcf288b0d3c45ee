import { Module } from '@nestjs/common';
import { ActOnAgentCommand } from './agent-channels/act-on-agent-command.use-case';
import { AgentChannelSettings } from './agent-channels/agent-channel-settings.use-case';
import { AgentChannelsController } from './agent-channels/agent-channels.controller';
import { AgentCommandsHandler } from './agent-channels/agent-commands.handler';
import { AgentAuthModule } from './auth/auth.module';
import { MyComplaintsController, SignInController } from './customer-page/customer-page.controller';
import { CustomerMessageRateLimit, SignInRateLimit } from './customer-page/customer-page-rate-limits';
import { CustomerSessionGuard } from './customer-page/customer-session.guard';
import { EndCustomerSession } from './customer-page/end-customer-session.use-case';
import { OpenCustomerSession } from './customer-page/open-customer-session.use-case';
import { ReadMyComplaints } from './customer-page/read-my-complaints.use-case';
import { RequestSignInLink } from './customer-page/request-sign-in-link.use-case';
import { SignInHousekeeping } from './customer-page/sign-in-housekeeping';
import { SignInLinks } from './customer-page/sign-in-links';
import { WriteToComplaint } from './customer-page/write-to-complaint.use-case';
import { CustomerDirectory } from './intake/customer-directory';
import { InboundHandler } from './intake/inbound.handler';
import { RecordInboundBatch } from './intake/record-inbound-batch.use-case';
import { ComplaintReferences } from './intake/complaint-references';
import { TakeCustomerAnswers } from './intake/customer-answers';
import { ForwardDeliveryReports } from './intake/delivery-reports';
import { ApplyMessageEdits } from './intake/message-edits';
import { TakeSharedPhones } from './intake/shared-phones';
import { FindKnownComplaints } from './intake/known-complaints';
import { NearDuplicates } from './intake/near-duplicates';
import { OpenComplaints } from './intake/open-complaints';
import { AnswerSignInRequests } from './intake/sign-in-requests';
import { OutboxRelay } from './outbox/outbox-relay';
import { LookUpStatus } from './status/look-up-status.use-case';
import { AnswerStatusRequests } from './status/answer-status-requests';
import { ChangeComplaint } from './lifecycle/change-complaint.use-case';
import { ComplaintJournal } from './lifecycle/complaint-journal';
import { StatusController } from './status/status.controller';
import { StatusLookupRateLimit } from './status/status-lookup-rate-limit';
import { SlaClock } from './sla/sla-clock';
import { ComplaintsController } from './agent-api/complaints.controller';
import { DeskController } from './agent-api/desk.controller';
import { CalendarController } from './agent-api/calendar.controller';
import { ReadBusinessDays } from './agent-api/read-business-days.use-case';
import { ListCallbackTasks } from './agent-api/callback-tasks.use-case';
import { MergeCustomers } from './agent-api/merge-customers.use-case';
import { ListComplaints, ReadComplaint } from './agent-api/read-complaints.use-case';
import { ReadTimeline } from './agent-api/read-timeline.use-case';
import { ReadDashboard } from './agent-api/read-dashboard.use-case';
import { DeskLiveFeed } from './desk-live/desk-live-feed';
import { DeskLiveGateway } from './desk-live/desk-live.gateway';
import { QuietMessages } from './desk-live/quiet-messages';
import { RegisterStaffComplaint } from './agent-api/register-staff-complaint.use-case';
import { StoreScan } from './agent-api/store-scan.use-case';
import { WorkOnComplaint } from './agent-api/work-on-complaint.use-case';
import { AcknowledgeAlert } from './agent-api/acknowledge-alert.use-case';
import { ListAlerts } from './agent-api/list-alerts.use-case';
import { LoadComplianceRows } from './reports/load-compliance-rows';
import { LoadComplianceComplaints } from './reports/load-compliance-complaints';
import { CustomerData } from './privacy/customer-data.use-case';
import { PersonalDataEraser } from './privacy/erase-personal-data';
import { PrivacyController } from './privacy/privacy.controller';
import { RetentionJob } from './privacy/retention-job';
import { RunRetention } from './privacy/run-retention.use-case';

/**
 * Core: complaints from messages exactly once, the lifecycle and its SLA clock, the outbox
 * relay, the customer status API and the customer's own page, the agent API, and agents' commands by mail and Telegram.
 */
@Module({
  imports: [AgentAuthModule],
  controllers: [
    InboundHandler,
    AgentCommandsHandler,
    StatusController,
    ComplaintsController,
    DeskController,
    CalendarController,
    AgentChannelsController,
    PrivacyController,
    SignInController,
    MyComplaintsController,
  ],
  providers: [
    CustomerDirectory,
    FindKnownComplaints,
    ComplaintReferences,
    NearDuplicates,
    OpenComplaints,
    TakeCustomerAnswers,
    ForwardDeliveryReports,
    ApplyMessageEdits,
    TakeSharedPhones,
    RecordInboundBatch,
    OutboxRelay,
    LookUpStatus,
    AnswerStatusRequests,
    StatusLookupRateLimit,
    ComplaintJournal,
    ChangeComplaint,
    SlaClock,
    WorkOnComplaint,
    ListComplaints,
    ReadComplaint,
    ReadTimeline,
    ReadDashboard,
    ReadBusinessDays,
    DeskLiveGateway,
    DeskLiveFeed,
    QuietMessages,
    ListCallbackTasks,
    RegisterStaffComplaint,
    StoreScan,
    ListAlerts,
    AcknowledgeAlert,
    MergeCustomers,
    LoadComplianceRows,
    LoadComplianceComplaints,
    PersonalDataEraser,
    RunRetention,
    RetentionJob,
    CustomerData,
    ActOnAgentCommand,
    AgentChannelSettings,
    RequestSignInLink,
    OpenCustomerSession,
    EndCustomerSession,
    ReadMyComplaints,
    WriteToComplaint,
    CustomerSessionGuard,
    SignInRateLimit,
    CustomerMessageRateLimit,
    SignInHousekeeping,
    SignInLinks,
    AnswerSignInRequests,
  ],
  exports: [OutboxRelay, RecordInboundBatch, SlaClock, RunRetention],
})
export class CoreModule {}
