import type { ComplaintState } from '../complaint';

/** Who made a decision; `id` is absent for the system and for customers we cannot name yet. */
export interface Actor {
  kind: 'agent' | 'customer' | 'system';
  id?: string;
}

/**
 * One append-only line of a complaint's audit trail. Decisions that keep the state (an
 * extension, a partial answer) still get a line, with `from` equal to `to`, so the trail shows
 * every step the customer must be told about (docs/policy.md, "Communication").
 */
export interface HistoryEntry {
  at: Date;
  actor: Actor;
  from: ComplaintState;
  to: ComplaintState;
  why: string;
}
