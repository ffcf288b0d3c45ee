import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { OPEN_STATES } from '@plaint/domain';
import { CallbackAttemptEntity, ComplaintEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { agentScope, isSupervisor } from './complaint-access';

/**
 * Call-me requests as tasks: every open complaint whose customer asked to be called and was not
 * reached yet, oldest first, with the number and the attempts so far.
 */
@Injectable()
export class ListCallbackTasks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(agent: SignedInAgent) {
    const qb = this.dataSource
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where('c.callbackRequested = :yes', { yes: true })
      .andWhere('c.state IN (:...open)', { open: [...OPEN_STATES] })
      .andWhere((sub) => {
        const reached = sub
          .subQuery()
          .select('1')
          .from(CallbackAttemptEntity, 'a')
          .where('a.complaintId = c.id')
          .andWhere("a.result = 'reached'")
          .getQuery();
        return `NOT EXISTS ${reached}`;
      });
    if (!isSupervisor(agent)) qb.andWhere(...agentScope(agent));
    const complaints = await qb.orderBy('c.receivedAt', 'ASC').take(500).getMany();
    const attempts = complaints.length
      ? await this.dataSource.getRepository(CallbackAttemptEntity).find({
          where: { complaintId: In(complaints.map((c) => c.id)) },
          order: { at: 'ASC' },
        })
      : [];
    return complaints.map((c) => {
      const own = attempts.filter((a) => a.complaintId === c.id);
      const last = own[own.length - 1];
      return {
        complaintId: c.id,
        reference: c.reference,
        name: c.fullName,
        phone: c.phone,
        language: c.language,
        essence: c.essence,
        requestedAt: c.receivedAt.toISOString(),
        assigneeId: c.assigneeId,
        attempts: own.length,
        lastAttempt: last ? { at: last.at.toISOString(), result: last.result, agreed: last.agreed } : null,
      };
    });
  }
}
