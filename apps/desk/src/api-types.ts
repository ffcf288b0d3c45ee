/**
 * The agent API's answers as the desk reads them (apps/core/src/agent-api/agent-api.responses.ts
 * describes them for OpenAPI; the browser cannot import server code, so they are restated here).
 */

export type Role = 'agent' | 'supervisor' | 'admin';

export interface SignedInAgent {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  agent: SignedInAgent;
}

export const COMPLAINT_STATES = ['received', 'accepted', 'in_review', 'waiting_for_customer', 'resolved', 'closed', 'rejected', 'withdrawn', 'merged'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** The list's `due` filter: the earliest running deadline has passed, or ends today. */
export const DUE_FILTERS = ['today', 'overdue'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const CHANNELS = ['email', 'chat', 'telegram', 'whatsapp', 'messenger', 'instagram', 'web_form', 'phone', 'complaint_book', 'consultation'] as const;

/** Business time to a deadline (or, once overdue, since it): whole business days, hours, minutes. */
export interface BusinessTimeLeft {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

export interface NextDeadline {
  kind: 'accept' | 'review' | 'resolve';
  by: string;
  /** On the company's business calendar, as of the answer; absent from a core that does not count it (calendar time is shown then). */
  businessTimeLeft?: BusinessTimeLeft;
}

export interface ComplaintSummary {
  id: string;
  reference: string;
  state: string;
  channel: string;
  language: string;
  customerId: string;
  customer: { name: string | null; email: string | null; phone: string | null };
  essence: string;
  assigneeId: string | null;
  missingDetails: string[];
  receivedAt: string;
  deadlines: { acceptBy: string; reviewBy: string | null; resolveBy: string; next: NextDeadline | null };
  mergedInto: string | null;
  attention: string | null;
}

export interface ComplaintList {
  items: ComplaintSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface Actor {
  kind: string;
  id: string | null;
  name?: string | null;
}

/** GET …/complaints/:id, the detail the timeline is built from until …/timeline answers. */
export interface ComplaintDetail extends ComplaintSummary {
  messages: { id: string; channel: string; status: string; text: string; automated: boolean; receivedAt: string }[];
  history: { at: string; actor: Actor; from: string; to: string; why: string; step: string | null }[];
  notices: { id: string; eventType: string; route: string | null; text: string; status: string; statusReason: string | null; createdAt: string; receipt: string | null }[];
  mergedComplaints: string[];
}

export type TimelineItem =
  | { kind: 'message'; at: string; channel: string; text: string; automated: boolean; attachments: number }
  | { kind: 'notice'; at: string; eventType: string; route: string | null; status: string; reason: string | null; receipt: string | null; text?: string }
  | { kind: 'step'; at: string; actor: Actor; from: string; to: string; why: string; step: string | null }
  | { kind: 'note'; at: string; actor: Actor; text: string }
  | { kind: 'merge'; at: string; actor: Actor; text: string };

export interface CustomerCard {
  id: string;
  name: string | null;
  identities: { kind: string; value: string; verified: boolean }[];
  otherComplaints: { id: string; reference: string; state: string }[];
}

/** GET …/complaints/:id/timeline; `actions` absent when built from the detail. */
export interface Timeline {
  complaint: ComplaintSummary & { actions?: string[] };
  customer: CustomerCard;
  items: TimelineItem[];
}

/** Every refusal core answers (ErrorView). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; problems: string[] }[];
}

/** complaint.changed on the /desk socket. */
export interface ComplaintChanged {
  complaintId: string;
  reference: string;
  state: string;
  assigneeId: string | null;
  why: string;
}

/** GET /staff (supervisors): whom a complaint can be assigned to. */
export interface StaffMember {
  id: string;
  displayName: string;
  role: Role;
}

export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

/** Where an agent is told of their work (docs/agent-channels.md). */
export type NotifyVia = 'email' | 'telegram' | 'both' | 'none';

/** GET /agents (admins): every staff account, active or not, by username. */
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  active: boolean;
  notifyVia: NotifyVia;
  telegramLinked: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /agents (CreateAgentDto). */
export interface NewStaffAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  email?: string;
}

/** PATCH /agents/:id (UpdateAgentDto): any of these; a null e-mail removes the address. */
export interface StaffAccountChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  email?: string | null;
}

/** The ways staff take a complaint down (POST /intake); consultation: a video or mobile consultation. */
export const INTAKE_CHANNELS = ['phone', 'complaint_book', 'consultation'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const CONSULTATION_KINDS = ['video', 'mobile'] as const;

/** POST /intake (StaffIntakeDto): only the fields of the chosen channel are sent. */
export interface IntakeForm {
  channel: IntakeChannel;
  fullName: string;
  phone?: string;
  email?: string;
  essence: string;
  employeeName?: string;
  language?: string;
  consultationKind?: string;
  store?: string;
  entryDate?: string;
  scanId?: string;
  idempotencyKey: string;
}

/** The answer to an intake: the complaint reaches core on the bus, so it is found by its reference a moment later. */
export interface IntakeAnswer {
  reference: string;
  messageId: string;
}

/** POST /scans */
export interface ScanAnswer {
  id: string;
  contentType: string;
  size: number;
}

/** GET /dashboard (supervisors): complaints with work in them, and the deadlines they run against. */
export interface Dashboard {
  byState: Record<string, number>;
  byDeadline: { overdue: number; today: number; week: number; later: number };
  breaches: ComplaintSummary[];
  nearBreaches: ComplaintSummary[];
}

/** One week of the compliance report, from its Monday (YYYY-MM-DD). */
export interface ComplianceWeek {
  week: string;
  complaints: number;
  acceptedWithinDeadline: number;
  resolvedWithinDeadline: number;
  extended: number;
  breached: number;
}

/** GET /reports/compliance: how the complaints received in `[from, to)` fared against the policy. */
export interface ComplianceReport {
  policy: { acceptWithinBusinessDays: number; resolveWithinBusinessDays: number };
  period: { from: string; to: string };
  complaints: number;
  merged: number;
  accepted: { total: number; withinDeadline: number; late: number; pending: number; rejectedOrWithdrawn: number };
  resolved: { total: number; withinDeadline: number; withinExtendedDeadline: number; late: number; pending: number; rejectedOrWithdrawn: number };
  extended: number;
  breached: number;
  byChannel: { channel: string; complaints: number }[];
  byWeek: ComplianceWeek[];
}

/** GET …/calendar: the business days of a period (both ends included), and today, on the server's clock. */
export interface BusinessDays {
  timeZone: string;
  today: string;
  from: string;
  to: string;
  businessDays: string[];
}

/** GET …/me/preferences */
export interface Preferences {
  language?: string;
  timeZone?: string;
}
