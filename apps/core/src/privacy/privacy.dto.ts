import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** GET /api/v1/agent/audit */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'e.g. customer.exported, customer.erased, retention.run, complaint.read, agent.created, agent.updated' })
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ description: 'The agent who acted' }) @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @ApiPropertyOptional({ enum: ['customer', 'complaint', 'agent', 'retention'] })
  @IsOptional() @IsIn(['customer', 'complaint', 'agent', 'retention']) subjectKind?: string;
  @ApiPropertyOptional({ description: 'The customer, complaint or agent id' }) @IsOptional() @IsString() @MaxLength(64) subjectId?: string;
  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
