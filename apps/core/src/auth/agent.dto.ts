import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from './agent-account-rules';
import { CleanName } from '@plaint/contracts';
import { AGENT_ROLES, type AgentRole } from './agent-role';

/** POST /api/v1/agent/auth/token */
export class IssueTokenDto {
  @ApiProperty({ example: 'leyla.m' }) @IsString() @IsNotEmpty() @MaxLength(100) username!: string;
  @ApiProperty({ format: 'password' }) @IsString() @IsNotEmpty() @MaxLength(MAX_PASSWORD_LENGTH) password!: string;
}

/** POST /api/v1/agent/agents */
export class SignedInAgentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: AGENT_ROLES }) role!: AgentRole;
}

/** A bearer token, from signing in or renewing one. */
export class AgentTokenView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until it expires' }) expiresIn!: number;
  @ApiProperty({ format: 'date-time', description: 'When it expires; renew before then' }) expiresAt!: string;
  @ApiProperty({ type: SignedInAgentView }) agent!: SignedInAgentView;
}

export class CreateAgentDto {
  @ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'leyla.m' })
  @IsString() @Matches(USERNAME_PATTERN, { message: `username ${USERNAME_RULE}` }) username!: string;
  @ApiProperty({ maxLength: MAX_DISPLAY_NAME_LENGTH, example: 'Leyla Məmmədova' })
  @CleanName() @IsString() @IsNotEmpty() @MaxLength(MAX_DISPLAY_NAME_LENGTH) displayName!: string;
  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail() @MaxLength(MAX_EMAIL_LENGTH) email?: string;
  @ApiProperty({ format: 'password', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(MAX_PASSWORD_LENGTH) password!: string;
  @ApiProperty({ enum: AGENT_ROLES }) @IsIn(AGENT_ROLES) role!: AgentRole;
}

/** PATCH /api/v1/agent/agents/:id — any of these. */
export class UpdateAgentDto {
  @ApiPropertyOptional({ maxLength: MAX_DISPLAY_NAME_LENGTH })
  @CleanName() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(MAX_DISPLAY_NAME_LENGTH) displayName?: string;
  @ApiPropertyOptional({ enum: AGENT_ROLES }) @IsOptional() @IsIn(AGENT_ROLES) role?: AgentRole;
  @ApiPropertyOptional({ description: 'false signs the agent out at once and refuses new sign-ins' })
  @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'email',
    description: 'The address notifications go to, and the only one whose replies act as this agent; null removes it',
  })
  @ValidateIf((body: UpdateAgentDto) => body.email !== null)
  @IsOptional()
  @IsEmail()
  @MaxLength(MAX_EMAIL_LENGTH)
  email?: string | null;
}
