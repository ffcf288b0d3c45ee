import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCookieAuth, ApiDefaultResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { correlationIdFrom } from '@plaint/observability';
import { ErrorView } from '../agent-api/agent-api.responses';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { CustomerMessageDto, OpenSessionDto, SignInLinkRequestDto } from './customer-page.dto';
import {
  CustomerComplaintView,
  CustomerMessageAcceptedView,
  CustomerSessionView,
  MyComplaintsView,
  SignInLinkRequestedView,
} from './customer-page.responses';
import { CustomerMessageRateLimit, SignInRateLimit } from './customer-page-rate-limits';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './customer-session-cookie';
import { CurrentCustomer, CustomerSessionGuard, type SignedInCustomer } from './customer-session.guard';
import { EndCustomerSession } from './end-customer-session.use-case';
import { OpenCustomerSession } from './open-customer-session.use-case';
import { ReadMyComplaints, sessionView } from './read-my-complaints.use-case';
import { LINK_REQUESTED, RequestSignInLink } from './request-sign-in-link.use-case';
import { WriteToComplaint } from './write-to-complaint.use-case';

/** Signing in to the customer's own page with a one-time link, and what the page reads and writes. */
@ApiTags('customer')
@Controller('api/v1/customer')
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class SignInController {
  constructor(
    private readonly requestLink: RequestSignInLink,
    private readonly openSession: OpenCustomerSession,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  @Post('sign-in-links')
  @HttpCode(202)
  @UseGuards(SignInRateLimit)
  @ApiOperation({ summary: 'Send a one-time sign-in link to a contact; the same answer whether we know it or not' })
  @ApiAcceptedResponse({ type: SignInLinkRequestedView })
  requestSignInLink(@Body() body: SignInLinkRequestDto): SignInLinkRequestedView {
    this.requestLink.execute(body.contact, body.language);
    return { message: LINK_REQUESTED };
  }

  @Post('session')
  @HttpCode(200)
  @UseGuards(SignInRateLimit)
  @ApiOperation({ summary: 'Open the page: the link’s token for a session cookie (once; 401 for a token that opens nothing)' })
  @ApiOkResponse({ type: CustomerSessionView })
  async open(@Body() body: OpenSessionDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CustomerSessionView> {
    const opened = await this.openSession.execute(body.token);
    setSessionCookie(request, response, opened.token, opened.customer.expiresAt, this.config.customerPage.secureCookie);
    response.setHeader('Cache-Control', 'no-store');
    return sessionView(opened.customer);
  }
}

/** The signed-in customer's routes, each behind the session cookie. */
@ApiTags('customer')
@ApiCookieAuth(SESSION_COOKIE)
@Controller('api/v1/customer')
@UseGuards(CustomerSessionGuard)
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class MyComplaintsController {
  constructor(
    private readonly read: ReadMyComplaints,
    private readonly write: WriteToComplaint,
    private readonly end: EndCustomerSession,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  @Get('session')
  @ApiOperation({ summary: 'Who is signed in, and until when' })
  @ApiOkResponse({ type: CustomerSessionView })
  session(@CurrentCustomer() customer: SignedInCustomer, @Res({ passthrough: true }) response: Response): CustomerSessionView {
    response.setHeader('Cache-Control', 'no-store');
    return sessionView(customer);
  }

  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session ends on the server, and its cookie is cleared' })
  @ApiNoContentResponse()
  async signOut(@CurrentCustomer() customer: SignedInCustomer, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.end.execute(customer);
    clearSessionCookie(request, response, this.config.customerPage.secureCookie);
  }

  @Get('complaints')
  @ApiOperation({ summary: 'Every complaint the signed-in contact identifies, newest first' })
  @ApiOkResponse({ type: MyComplaintsView })
  complaints(@CurrentCustomer() customer: SignedInCustomer, @Res({ passthrough: true }) response: Response): Promise<MyComplaintsView> {
    response.setHeader('Cache-Control', 'no-store');
    return this.read.all(customer);
  }

  @Get('complaints/:reference')
  @ApiOperation({ summary: 'One of the customer’s complaints; 404 for a reference that is not theirs, as for an unknown one' })
  @ApiOkResponse({ type: CustomerComplaintView })
  complaint(@CurrentCustomer() customer: SignedInCustomer, @Param('reference') reference: string, @Res({ passthrough: true }) response: Response): Promise<CustomerComplaintView> {
    response.setHeader('Cache-Control', 'no-store');
    return this.read.one(customer, reference);
  }

  @Post('complaints/:reference/messages')
  @HttpCode(202)
  @UseGuards(CustomerMessageRateLimit)
  @ApiOperation({ summary: 'Answer a request for details or ask a question on one of the customer’s complaints' })
  @ApiAcceptedResponse({ type: CustomerMessageAcceptedView })
  message(
    @CurrentCustomer() customer: SignedInCustomer,
    @Param('reference') reference: string,
    @Body() body: CustomerMessageDto,
    @Headers('x-correlation-id') correlationHeader?: string,
  ): Promise<CustomerMessageAcceptedView> {
    return this.write.execute(customer, reference, body, correlationIdFrom(correlationHeader));
  }
}
