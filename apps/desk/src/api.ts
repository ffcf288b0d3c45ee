import type {
  BusinessDays,
  ComplaintDetail,
  ComplaintList,
  ComplianceReport,
  Dashboard,
  DueFilter,
  ErrorBody,
  IntakeAnswer,
  IntakeForm,
  NewStaffAccount,
  Preferences,
  ScanAnswer,
  StaffAccount,
  StaffAccountChanges,
  StaffMember,
  Timeline,
  TokenAnswer,
} from './api-types';
import { timelineFromDetail } from './timeline-from-detail';

const BASE = '/api/v1/agent';

/** A refusal or failure, with the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }

  /** True when the server did not know a query field, i.e. an endpoint older than the desk. */
  refusedField(field: string): boolean {
    return this.status === 400 && (this.body?.errors ?? []).some((problem) => problem.field === field);
  }
}

/** Called on any 401 of a signed-in request: the session is over. */
export type OnUnauthorized = () => void;

async function errorOf(response: Response): Promise<ApiError> {
  try {
    return new ApiError(response.status, (await response.json()) as ErrorBody);
  } catch {
    return new ApiError(response.status, null);
  }
}

export async function signIn(username: string, password: string): Promise<TokenAnswer> {
  const response = await fetch(`${BASE}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as TokenAnswer;
}

export interface ListQuery {
  /** "me", "none" or an agent's id. */
  assignee?: string;
  state?: string;
  channel?: string;
  q?: string;
  due?: DueFilter;
  limit: number;
  offset: number;
}

/** The agent API with one agent's bearer token. */
export class AgentApi {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: OnUnauthorized,
  ) {}

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    return body === undefined ? this.request(method, path) : this.request(method, path, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  private async request(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${BASE}${path}`, { method, headers: { Authorization: `Bearer ${this.token}`, ...headers }, body });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  /**
   * One page of complaints. A core that does not search yet refuses `q` as an unknown field;
   * the list is then shown unfiltered, and `searched` says so.
   */
  async complaints(query: ListQuery): Promise<ComplaintList & { searched: boolean }> {
    const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
    if (query.assignee) params.set('assignee', query.assignee);
    if (query.state) params.set('state', query.state);
    if (query.channel) params.set('channel', query.channel);
    if (query.q) params.set('q', query.q);
    if (query.due) params.set('due', query.due);
    try {
      return { ...(await this.call<ComplaintList>('GET', `/complaints?${params.toString()}`)), searched: Boolean(query.q) };
    } catch (error) {
      if (!(error instanceof ApiError && query.q && error.refusedField('q'))) throw error;
      params.delete('q');
      return { ...(await this.call<ComplaintList>('GET', `/complaints?${params.toString()}`)), searched: false };
    }
  }

  /** The complaint's timeline; built from its detail where core has no timeline endpoint yet. */
  async timeline(id: string): Promise<Timeline> {
    const path = `/complaints/${encodeURIComponent(id)}`;
    try {
      return await this.call<Timeline>('GET', `${path}/timeline`);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404 && error.body?.code !== 'not-found')) throw error;
      return timelineFromDetail(await this.call<ComplaintDetail>('GET', path));
    }
  }

  /** POST …/complaints/:id/<action>; answers the complaint after it, or throws the refusal. */
  act(id: string, path: string, body: object = {}): Promise<unknown> {
    return this.call('POST', `/complaints/${encodeURIComponent(id)}/${path}`, body);
  }

  /** The active staff a complaint can be assigned to (supervisors). */
  staff(): Promise<StaffMember[]> {
    return this.call<StaffMember[]>('GET', '/staff');
  }

  /** Every staff account, active or not (admins). */
  agents(): Promise<StaffAccount[]> {
    return this.call<StaffAccount[]>('GET', '/agents');
  }

  /** A new staff account, active at once (admins); the server checks the username and password rules. */
  createAgent(account: NewStaffAccount): Promise<StaffAccount> {
    return this.call<StaffAccount>('POST', '/agents', account);
  }

  /** Renames, re-roles, changes the e-mail address of, deactivates or reactivates an account (admins). */
  updateAgent(id: string, changes: StaffAccountChanges): Promise<StaffAccount> {
    return this.call<StaffAccount>('PATCH', `/agents/${encodeURIComponent(id)}`, changes);
  }

  /** Registers a complaint taken by phone, from the complaint book or in a consultation; it reaches core on the bus. */
  intake(form: IntakeForm): Promise<IntakeAnswer> {
    return this.call<IntakeAnswer>('POST', '/intake', form);
  }

  /** Uploads the scan of a complaint-book page as it is (the raw file), for `scanId` in intake. */
  async uploadScan(file: File): Promise<ScanAnswer> {
    const response = await this.request('POST', '/scans', file, { 'Content-Type': file.type || 'application/octet-stream', 'X-Filename': encodeURIComponent(file.name) });
    return (await response.json()) as ScanAnswer;
  }

  /** The supervisor's dashboard: open complaints by state and deadline, breaches and near-breaches. */
  dashboard(): Promise<Dashboard> {
    return this.call<Dashboard>('GET', '/dashboard');
  }

  /** The compliance report of complaints received from `from` up to (not including) `to`, YYYY-MM-DD. */
  compliance(from: string, to: string): Promise<ComplianceReport> {
    return this.call<ComplianceReport>('GET', `/reports/compliance?${new URLSearchParams({ from, to }).toString()}`);
  }

  /** The same report as CSV; fetched with the token (a plain link would carry none), to be saved from a Blob. */
  async complianceCsv(from: string, to: string): Promise<Blob> {
    return (await this.send('GET', `/reports/compliance?${new URLSearchParams({ from, to, format: 'csv' }).toString()}`)).blob();
  }

  /**
   * The printable compliance report (one HTML document, complaint by complaint, with its weekly
   * chart) of a period and filters; fetched with the token, to be opened from a Blob.
   */
  async complianceHtml(from: string, to: string, filter: { channel?: string; outcome?: string }): Promise<Blob> {
    const params = new URLSearchParams({ from, to, format: 'html' });
    if (filter.channel) params.set('channel', filter.channel);
    if (filter.outcome) params.set('outcome', filter.outcome);
    return (await this.send('GET', `/reports/compliance/complaints?${params.toString()}`)).blob();
  }

  /** The agent's desk language, where core keeps it; ignored where it does not yet. */
  async saveLanguage(language: string): Promise<void> {
    await this.call('PUT', '/me/preferences', { language }).catch(() => undefined);
  }

  /** The agent's language and the company's time zone; null where core does not answer them. */
  preferences(): Promise<Preferences | null> {
    return this.call<Preferences>('GET', '/me/preferences').catch(() => null);
  }

  /** The business days from `from` to `to` (YYYY-MM-DD, both included); the current month without them. */
  businessDays(period?: { from: string; to: string }): Promise<BusinessDays> {
    return this.call<BusinessDays>('GET', `/calendar${period ? `?${new URLSearchParams(period).toString()}` : ''}`);
  }
}

/** A renewed token: `expiresAt` as an instant, or `expiresIn` seconds, whichever core gives. */
export interface RenewedToken {
  accessToken: string;
  expiresAt?: string | number;
  expiresIn?: number;
}

/** POST …/auth/refresh with a still-valid token; null where core cannot renew (the agent signs in again on expiry). */
export async function renewToken(token: string): Promise<{ token: string; expiresAt: number } | null> {
  const response = await fetch(`${BASE}/auth/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
  if (!response?.ok) return null;
  const answer = (await response.json()) as RenewedToken;
  const expiresAt =
    answer.expiresIn !== undefined ? Date.now() + answer.expiresIn * 1000 : typeof answer.expiresAt === 'string' ? Date.parse(answer.expiresAt) : answer.expiresAt;
  return expiresAt && Number.isFinite(expiresAt) ? { token: answer.accessToken, expiresAt } : null;
}
