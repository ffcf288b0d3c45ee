import { Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApplicationError } from '../errors/application-error';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { type ComplaintStatusView, LookUpStatus } from './look-up-status.use-case';
import { StatusLookupRateLimit } from './status-lookup-rate-limit';

@Controller('api/v1/complaints')
@UseGuards(StatusLookupRateLimit)
@UseFilters(CoreErrorFilter)
export class StatusController {
  constructor(private readonly lookUp: LookUpStatus) {}

  @Get('status')
  async status(@Query('reference') reference?: string, @Query('contact') contact?: string): Promise<ComplaintStatusView> {
    const view = await this.lookUp.execute(String(reference ?? ''), String(contact ?? ''));
    if (!view) throw new ApplicationError('not-found', 'complaint-not-found', 'No complaint found for this reference and contact');
    return view;
  }
}
