import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type AgentApi, ApiError } from './api';
import type { SignedInAgent } from './api-types';
import type { DeskLanguage, Translate } from './i18n';

/** What every screen of a signed-in desk reads: the agent, the API, the words, live changes. */
export interface Desk {
  agent: SignedInAgent;
  api: AgentApi;
  language: DeskLanguage;
  t: Translate;
  /** Bumped on every complaint.changed; screens reload when it moves. */
  changes: { count: number; lastComplaintId: string | null };
  live: boolean;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() outside a signed-in desk');
  return desk;
}

/** The message to show for a failed call: the server's own words, or what went wrong. */
export function problemText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const fields = (error.body?.errors ?? []).map((problem) => `${problem.field}: ${problem.problems.join(', ')}`);
    return [error.body?.message ?? t('error.generic', { status: error.status }), ...fields].join(' — ');
  }
  if (error instanceof TypeError) return t('error.network');
  return error instanceof Error ? error.message : String(error);
}
