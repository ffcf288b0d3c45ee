import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Inject, Injectable } from '@nestjs/common';
import { LANGUAGES } from '@plaint/contracts';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentError } from './agent-error';
import { AgentsRepository } from './agents.repository';

type Language = (typeof LANGUAGES)[number];

/** PUT /api/v1/agent/me/preferences */
export class PreferencesDto {
  @ApiProperty({ enum: LANGUAGES, description: 'The desk’s language, and that of the agent’s notifications' }) @IsIn(LANGUAGES) language!: Language;
}

export class PreferencesView {
  @ApiProperty({ enum: LANGUAGES, description: 'The agent’s own choice, else the company’s default' }) language!: Language;
  @ApiProperty({ description: 'The company’s time zone (IANA), in which the desk shows dates', example: 'Asia/Baku' }) timeZone!: string;
}

/** The signed-in agent's own settings for the desk. */
@Injectable()
export class AgentPreferences {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async read(agentId: string): Promise<PreferencesView> {
    const agent = await this.agents.findById(agentId);
    if (!agent) throw new AgentError({ code: 'not_found' });
    return this.view(agent.language);
  }

  async choose(agentId: string, language: Language): Promise<PreferencesView> {
    await this.agents.update(agentId, { language, updatedAt: this.clock.now() });
    return this.view(language);
  }

  private view(language: string | null): PreferencesView {
    const chosen = (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : this.config.policy.defaultLanguage;
    return { language: chosen, timeZone: this.config.policy.timeZone };
  }
}
