import type { SignedInAgent, TokenAnswer } from './api-types';

/**
 * The signed-in agent, kept in sessionStorage: it survives a reload of the tab and ends with
 * it, and another tab signs in on its own.
 */
export interface Session {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  agent: SignedInAgent;
}

const KEY = 'plaint.desk.session';

export function sessionFrom(answer: TokenAnswer, now = Date.now()): Session {
  return { token: answer.accessToken, expiresAt: now + answer.expiresIn * 1000, agent: answer.agent };
}

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** Supervisors and admins see every complaint (apps/core/src/agent-api/complaint-access.ts). */
export const seesAll = (agent: SignedInAgent): boolean => agent.role !== 'agent';
