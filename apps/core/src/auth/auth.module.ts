import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { AuditTrail } from '../audit/audit-trail';
import { CoreStore } from '../store/core-store';
import { AgentAuthGuard } from './agent-auth.guard';
import { AGENT_TOKEN_THROTTLER_PROVIDERS } from './agent-token.throttler';
import { AgentPreferences } from './agent-preferences';
import { AgentPreferencesController } from './agent-preferences.controller';
import { AgentTokenController } from './agent-token.controller';
import { AgentTokens } from './agent-tokens';
import { AgentsController } from './agents.controller';
import { AgentsRepository } from './agents.repository';
import { CreateAgent } from './create-agent.use-case';
import { IssueToken, RenewToken } from './issue-token.use-case';
import { ListAgents } from './list-agents.use-case';
import { ListStaff } from './list-staff.use-case';
import { PasswordHasher } from './password-hasher';
import { StaffController } from './staff.controller';
import { UpdateAgent } from './update-agent.use-case';
import { VerifyCredentials } from './verify-credentials.use-case';

/**
 * Staff sign-in for the agent API: accounts, bearer tokens, AgentAuthGuard with @Roles. A module
 * with agent routes imports this one and puts `@UseGuards(AgentAuthGuard)` on its controllers.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => ({
        secret: config.auth.tokenSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AgentTokenController, AgentsController, AgentPreferencesController, StaffController],
  providers: [
    AgentsRepository,
    PasswordHasher,
    AgentTokens,
    AgentAuthGuard,
    CreateAgent,
    VerifyCredentials,
    ListAgents,
    ListStaff,
    UpdateAgent,
    IssueToken,
    RenewToken,
    AgentPreferences,
    CoreStore,
    AuditTrail,
    ...AGENT_TOKEN_THROTTLER_PROVIDERS,
  ],
  exports: [CoreStore, AuditTrail, AgentAuthGuard, AgentTokens, AgentsRepository, CreateAgent, ListAgents, UpdateAgent, VerifyCredentials],
})
export class AgentAuthModule {}
