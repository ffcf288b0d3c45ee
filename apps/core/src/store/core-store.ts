import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AgentChannelRepository } from './agent-channel-repository';
import { AuditLog } from './audit-log';
import { ComplaintRepository, StaleComplaint } from './complaint-repository';
import { CustomerPageRepository } from './customer-page-repository';
import { CustomerRepository } from './customer-repository';
import { Inbox } from './inbox';
import { Outbox } from './outbox';
import { PersonalData } from './personal-data';
import { SlaAlertRepository } from './sla-alert-repository';

/** How often a change that met a concurrent one is decided again on fresh data. */
const REVISION_ATTEMPTS = 5;

/** Core's repositories over one unit of work: a transaction, or plain reads outside one. */
export class StoreSession {
  readonly complaints: ComplaintRepository;
  readonly customers: CustomerRepository;
  readonly inbox: Inbox;
  readonly outbox: Outbox;
  readonly alerts: SlaAlertRepository;
  readonly audit: AuditLog;
  readonly personalData: PersonalData;
  readonly agentChannels: AgentChannelRepository;
  readonly customerPage: CustomerPageRepository;

  constructor(manager: EntityManager) {
    this.complaints = new ComplaintRepository(manager);
    this.customers = new CustomerRepository(manager);
    this.inbox = new Inbox(manager);
    this.outbox = new Outbox(manager);
    this.alerts = new SlaAlertRepository(manager);
    this.audit = new AuditLog(manager);
    this.personalData = new PersonalData(manager);
    this.agentChannels = new AgentChannelRepository(manager);
    this.customerPage = new CustomerPageRepository(manager);
  }
}

/**
 * Core's persistence boundary: use cases open a unit of work here and speak to its repositories;
 * TypeORM stays behind them.
 */
@Injectable()
export class CoreStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything `work` writes commits together, or nothing does. */
  transaction<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new StoreSession(manager)));
  }

  /**
   * A transaction that is run again, from the start, when it met a concurrent change to a
   * complaint (StaleComplaint): it then decides on what is stored now.
   */
  async transactionRetryingStale<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transaction(work);
      } catch (error) {
        if (!(error instanceof StaleComplaint) || attempt >= REVISION_ATTEMPTS) throw error;
      }
    }
  }

  /** Reads (and single writes) outside a transaction. */
  reads(): StoreSession {
    return new StoreSession(this.dataSource.manager);
  }
}
