import type { Staff } from './staff';
import { waitFor } from './wait-for';

/** An extension reason an agent could type that holds markup: a report must show it as text. */
export const MARKUP_REASON = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

/** The complaints the compliance report's tests read, by what became of them. */
export interface ReportComplaints {
  /** By phone: accepted, reviewed, extended (with MARKUP_REASON) and resolved in time. */
  kept: string;
  /** By phone: never accepted, its acceptance deadline passed. */
  late: string;
  /** By video consultation, received after the clock moved: every deadline still ahead. */
  running: string;
}

type Registrar = ReturnType<Staff['as']>;

async function register(as: Registrar, body: object): Promise<string> {
  const registered = await as.post('/api/v1/agent/intake', { fullName: 'Məmmədova Aynur', phone: '050 765 43 21', language: 'az', ...body }).expect(202);
  const reference = registered.body.reference as string;
  // Intake travels the bus into core: the complaint exists once core has opened it.
  await waitFor(async () => (await as.get(`/api/v1/agent/complaints/${reference}`)).status, (status) => status === 200, { what: `complaint ${reference} opened` });
  return reference;
}

/**
 * Files the three complaints on a running installation whose clock the test moves: `passDeadline`
 * sets the clock to the instant given (a minute after the late one's acceptance deadline).
 * `supervisor` works them (a supervisor may read and work every complaint), and is signed in
 * again after the clock moved, the token having run out on it.
 */
export async function fileReportComplaints(staff: Staff, supervisor: string, passDeadline: (at: Date) => void): Promise<ReportComplaints> {
  const kept = await register(staff.as(supervisor), { channel: 'phone', essence: 'Ödənişim iki dəfə çıxılıb.' });
  const late = await register(staff.as(supervisor), { channel: 'phone', essence: 'Sifariş gəlməyib.' });
  for (const step of ['accept', 'review']) await staff.as(supervisor).post(`/api/v1/agent/complaints/${kept}/${step}`).expect(200);
  await staff.as(supervisor).post(`/api/v1/agent/complaints/${kept}/extend`, { reason: MARKUP_REASON, newDate: '2027-01-15' }).expect(200);
  await staff.as(supervisor).post(`/api/v1/agent/complaints/${kept}/resolve`, { outcome: 'Artıq çıxılan məbləğ qaytarıldı.', rootCause: 'billing-error' }).expect(200);

  const acceptBy = (await staff.as(supervisor).get(`/api/v1/agent/complaints/${late}`).expect(200)).body.deadlines.acceptBy as string;
  passDeadline(new Date(Date.parse(acceptBy) + 60_000));
  await staff.signIn(supervisor);
  const running = await register(staff.as(supervisor), { channel: 'consultation', consultationKind: 'video', employeeName: 'Əliyev Tural', essence: 'Məsləhətçi suala cavab vermədi.' });
  return { kept, late, running };
}
