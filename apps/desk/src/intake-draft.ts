import { type AgentApi, ApiError } from './api';
import type { IntakeChannel, IntakeForm } from './api-types';

/**
 * The intake page's form as the agent fills it in, and what becomes of it: the body of POST
 * /intake, and the complaint found once core has stored it (intake.tsx shows it).
 */

/** What the agent has typed, kept as one draft: a refusal, an ended session or a reload loses none of it. */
export interface IntakeDraft {
  channel?: IntakeChannel;
  consultationKind?: string;
  fullName?: string;
  phone?: string;
  email?: string;
  essence?: string;
  employeeName?: string;
  language?: string;
  store?: string;
  entryDate?: string;
  scanId?: string;
  scanName?: string;
  /** Made at the first attempt and kept until the server has taken the complaint: a second click registers nothing twice. */
  idempotencyKey?: string;
}

/** The complaint reaches core on the bus: how long to look for it before offering a link instead. */
const FIND_FOR_MS = 20_000;

export function parseDraft(saved: string): IntakeDraft {
  try {
    return saved ? (JSON.parse(saved) as IntakeDraft) : {};
  } catch {
    return {};
  }
}

/** A random key; crypto.getRandomValues works where randomUUID does not (a desk on plain http). */
export function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The body of POST /intake: the chosen channel's fields, blanks left out. */
export function bodyOf(form: IntakeDraft, idempotencyKey: string): IntakeForm {
  const given = (value: string | undefined) => value?.trim() || undefined;
  const channel = form.channel ?? 'phone';
  const body: IntakeForm = {
    channel,
    fullName: form.fullName ?? '',
    essence: form.essence ?? '',
    phone: given(form.phone),
    email: given(form.email),
    employeeName: given(form.employeeName),
    language: given(form.language),
    idempotencyKey,
  };
  if (channel === 'consultation') body.consultationKind = form.consultationKind;
  if (channel === 'complaint_book') Object.assign(body, { store: given(form.store), entryDate: given(form.entryDate), scanId: given(form.scanId) });
  return body;
}

/** The new complaint's id once core has it, looked up by reference; null if it takes too long. */
export async function findRegistered(api: AgentApi, reference: string, stillWanted: () => boolean): Promise<string | null> {
  const until = Date.now() + FIND_FOR_MS;
  while (stillWanted() && Date.now() < until) {
    try {
      return (await api.timeline(reference)).complaint.id;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}
