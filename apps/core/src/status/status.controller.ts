import { Controller, Get, NotFoundException, Query, UseGuards } from '@nestjs/common';
import { type ComplaintStatusView, LookUpStatus } from './look-up-status.use-case';
import { StatusLookupRateLimit } from './status-lookup-rate-limit';

@Controller('api/v1/complaints')
@UseGuards(StatusLookupRateLimit)
export class StatusController {
  constructor(private readonly lookUp: LookUpStatus) {}

  @Get('status')
  async status(@Query('reference') reference?: string, @Query('contact') contact?: string): Promise<ComplaintStatusView> {
    const view = await this.lookUp.execute(String(reference ?? ''), String(contact ?? ''));
    if (!view) throw new NotFoundException('No complaint found for this reference and contact');
    return view;
  }
}
