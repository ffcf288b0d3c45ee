import { cleanName } from '@plaint/contracts';
import type { AgentRole } from './agent-role';
import { AGENT_ROLES } from './agent-role';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,100}$/;
export const USERNAME_RULE = 'must be 3 to 100 lowercase letters, digits or . _ -';
export const MIN_PASSWORD_LENGTH = 12;
/** argon2 takes any length; the cap keeps one request from buying a long hash. */
export const MAX_PASSWORD_LENGTH = 1024;
export const PASSWORD_RULE = `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`;
export const MAX_DISPLAY_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 320;

export type FieldProblems = { field: string; problems: string[] }[];

export interface NewAgentAccount {
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  role: AgentRole;
}

/**
 * The account rules, for every way an agent is created (the admin API and the command line):
 * the API's DTO checks the same limits first, so there they only ever pass.
 */
export function accountProblems(account: NewAgentAccount): FieldProblems {
  const problems: FieldProblems = [];
  if (!USERNAME_PATTERN.test(account.username)) problems.push({ field: 'username', problems: [`username ${USERNAME_RULE}`] });
  const displayName = cleanName(account.displayName);
  if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    problems.push({ field: 'displayName', problems: [`displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters`] });
  }
  const email = account.email?.trim();
  if (email && (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email))) {
    problems.push({ field: 'email', problems: ['email must be an e-mail address'] });
  }
  if (account.password.length < MIN_PASSWORD_LENGTH || account.password.length > MAX_PASSWORD_LENGTH) {
    problems.push({ field: 'password', problems: [`password ${PASSWORD_RULE}`] });
  }
  if (!AGENT_ROLES.includes(account.role)) problems.push({ field: 'role', problems: [`role must be one of ${AGENT_ROLES.join(', ')}`] });
  return problems;
}
