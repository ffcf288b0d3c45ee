import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AuditTrail } from '../audit/audit-trail';
import { AgentAuthGuard } from '../auth/agent-auth.guard';
import { CurrentAgent, type SignedInAgent } from '../auth/current-agent.decorator';
import { Roles } from '../auth/roles.decorator';
import { CustomerData } from './customer-data.use-case';
import { AuditQuery } from './privacy.dto';

/** A customer's requests about their personal data, and the audit trail (admins only). */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/v1/agent')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@Roles('admin')
export class PrivacyController {
  constructor(
    private readonly customerData: CustomerData,
    private readonly audit: AuditTrail,
  ) {}

  @Get('customers/:id/export')
  @ApiOperation({ summary: 'Everything held about a customer as JSON: identities, complaints, messages, history, notices, chats, call-backs (admins; audited)' })
  async export(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.customerData.export(id, agent);
  }

  @Post('customers/:id/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a customer’s personal data, keeping their complaints’ records, steps and dates (admins; audited); 409 while a complaint is still being handled',
  })
  async erase(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAgent() agent: SignedInAgent) {
    return this.customerData.erase(id, agent);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The audit trail, newest first: exports, erasures, retention runs, reads of complaints, staff account changes (admins)' })
  async auditTrail(@Query() query: AuditQuery) {
    return this.audit.list({
      action: query.action,
      actorId: query.actorId,
      subjectKind: query.subjectKind,
      subjectId: query.subjectId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }
}
