import type { Readable, Writable } from 'node:stream';
import { ReadStream } from 'node:tty';
import { DataSource } from 'typeorm';
import { createMessageBus } from '@plaint/bus';
import type { PlaintConfig } from '@plaint/config';
import { isTopicName } from '@plaint/contracts';
import { SystemClock } from '@plaint/domain';
import { dataSourceOptions, migrateWithLock } from '@plaint/persistence';
import { Logger } from '@nestjs/common';
import { PinoLogger } from '@plaint/observability';
import { AuditLogEntity } from '@plaint/persistence';
import { auditLine, AuditTrail } from '../../core/src/audit/audit-trail';
import { PersonalDataEraser } from '../../core/src/privacy/erase-personal-data';
import { type RetentionOutcome, RunRetention } from '../../core/src/privacy/run-retention.use-case';
import { CoreStore } from '../../core/src/store/core-store';
import { AgentError, type AgentProblem } from '../../core/src/auth/agent-error';
import type { AgentView } from '../../core/src/auth/agent-view';
import { AgentsRepository } from '../../core/src/auth/agents.repository';
import { CreateAgent } from '../../core/src/auth/create-agent.use-case';
import { PasswordHasher } from '../../core/src/auth/password-hasher';

/** A command that could not do its work for a reason the operator can fix; said without a stack. */
export class CommandFailed extends Error {}

/** `plaint migrate`: brings the database schema up to date (SQLite migrates as it opens its file). */
export async function runMigrations(config: PlaintConfig): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    if (config.database.kind === 'postgres') {
      const applied = await migrateWithLock(dataSource);
      process.stdout.write(`applied ${applied.length} migration(s)${applied.map((name) => `\n  ${name}`).join('')}\n`);
    } else {
      process.stdout.write(`SQLite schema at ${config.database.file} is up to date\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** `plaint dlq:replay <topic>`: an operator sends dead letters back after fixing their cause. */
export async function replayDeadLetters(config: PlaintConfig, topic: string): Promise<void> {
  if (!isTopicName(topic)) throw new Error(`unknown topic "${topic}"`);
  const bus = createMessageBus(config.bus);
  try {
    const count = await bus.replayDeadLetters(topic);
    process.stdout.write(`replayed ${count} dead letter(s) to ${topic}\n`);
  } finally {
    await bus.close();
  }
}

/**
 * `plaint retention:run`: one retention run now, as core's scheduled job does it, for an operator
 * who wants it at a chosen time (or runs it from cron with the job turned off in core).
 */
export async function runRetention(config: PlaintConfig, out: Writable = process.stdout): Promise<RetentionOutcome> {
  if (config.retention.days === null) throw new CommandFailed('retention is off (PLAINT_RETENTION_DAYS=off)');
  Logger.overrideLogger(new PinoLogger(config.logLevel));
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    if (config.database.kind === 'postgres' && (await dataSource.showMigrations())) {
      throw new CommandFailed('the database schema is behind: run `plaint migrate` first');
    }
    const clock = new SystemClock();
    const store = new CoreStore(dataSource);
    const retention = new RunRetention(store, config, clock, new PersonalDataEraser(store, config), new AuditTrail(store, clock));
    const outcome = await retention.execute();
    out.write(
      `erased the personal data of ${outcome.complaints} complaint(s) closed more than ${config.retention.days} day(s) ago, ` +
        `${outcome.customers} customer record(s), ${outcome.looseRecords} loose record(s), ${outcome.quarantinedMails} quarantined mail(s); ` +
        `deleted ${outcome.files} file(s)\n`,
    );
    return outcome;
  } finally {
    await dataSource.destroy();
  }
}

export interface NewAdmin {
  username: string;
  /** The username when not given. */
  displayName?: string;
  email?: string;
  password: string;
}

/**
 * `plaint agent:create-admin`: the first admin of an installation (and any later one), who can
 * then create the other staff through the agent API. Brings a SQLite schema into being like the
 * server does; on Postgres it migrates when PLAINT_DATABASE_MIGRATE allows, as a booting core
 * would, and otherwise refuses a schema that is behind.
 */
export async function createAdminAgent(config: PlaintConfig, admin: NewAdmin, out: Writable = process.stdout): Promise<AgentView> {
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    if (config.database.kind === 'postgres') {
      if (config.database.migrateOnBoot) await migrateWithLock(dataSource);
      else if (await dataSource.showMigrations()) throw new CommandFailed('the database schema is behind: run `plaint migrate` first');
    }
    const createAgent = new CreateAgent(new AgentsRepository(dataSource), new PasswordHasher(), new SystemClock());
    let agent: AgentView;
    try {
      agent = await createAgent.execute({
        username: admin.username,
        displayName: admin.displayName ?? admin.username,
        email: admin.email ?? null,
        password: admin.password,
        role: 'admin',
      });
    } catch (error) {
      if (error instanceof AgentError) throw new CommandFailed(refusal(error.problem));
      throw error;
    }
    // An operator, not an agent, made this account: the audit line has no actor.
    await dataSource.getRepository(AuditLogEntity).insert(auditLine({ actorId: null, action: 'agent.created', subject: { kind: 'agent', id: agent.id }, details: { role: 'admin' } }, new Date()));
    out.write(`created admin "${agent.username}" (${agent.id})\n`);
    return agent;
  } finally {
    await dataSource.destroy();
  }
}

function refusal(problem: AgentProblem): string {
  switch (problem.code) {
    case 'invalid':
      return `refused: ${problem.fields.flatMap((field) => field.problems).join('; ')}`;
    case 'username_taken':
      return `refused: an agent named "${problem.username}" already exists`;
    case 'not_found':
    case 'last_admin':
    case 'self_deactivation':
    case 'bad_credentials':
      return `refused: ${problem.code}`;
  }
}

/**
 * The new admin's password: PLAINT_ADMIN_PASSWORD when set; else typed at a terminal (twice,
 * not echoed); else the first line piped on stdin. Never an argument: those end up in shell
 * histories and process lists.
 */
export async function readAdminPassword(
  env: Record<string, string | undefined>,
  input: Readable = process.stdin,
  prompts: Writable = process.stderr,
): Promise<string> {
  const fromEnv = env.PLAINT_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (input instanceof ReadStream && input.isTTY) {
    const [password, again] = await promptHidden(input, prompts, ['Password for the new admin: ', 'Again: ']);
    if (again !== password) throw new CommandFailed('the two passwords differ');
    return password ?? '';
  }
  let piped = '';
  for await (const chunk of input) piped += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  const password = piped.split(/\r?\n/)[0] ?? '';
  if (!password) throw new CommandFailed('no password: set PLAINT_ADMIN_PASSWORD, type it at the prompt, or pipe it on stdin');
  return password;
}

/**
 * Asks each question at a terminal and reads one line for it, echoing nothing. The terminal
 * stays in raw mode from before the first question to after the last answer, so nothing typed
 * early is ever echoed.
 */
function promptHidden(input: ReadStream, prompts: Writable, questions: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    let typed: string[] = [];
    const finish = (error?: Error) => {
      input.off('data', onKeys);
      input.setRawMode(false);
      input.pause();
      if (error) {
        prompts.write('\n');
        reject(error);
      } else {
        resolve(answers);
      }
    };
    const onKeys = (keys: string) => {
      for (const key of keys) {
        if (key === '\u0003') return finish(new CommandFailed('cancelled'));
        if (key === '\r' || key === '\n' || key === '\u0004') {
          answers.push(typed.join(''));
          typed = [];
          prompts.write('\n');
          const next = questions[answers.length];
          if (next === undefined) return finish();
          prompts.write(next);
        } else if (key === '\u007f' || key === '\b') {
          typed = typed.slice(0, -1);
        } else if (key >= ' ') {
          typed.push(key);
        }
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onKeys);
    input.resume();
    prompts.write(questions[0] ?? '');
  });
}
