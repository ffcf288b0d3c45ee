import { DEFAULT_STAFFING } from './simulation/agent-model';
import { runSimulation, type SimulationResult } from './simulation/run-simulation';

/**
 * The simulated quarter, shortened: ten days across Novruz and three business days after, 60
 * complaints on every channel, a care team of four on business days (one also on Saturdays),
 * customers who are asked for details and ask for the status. The one-process product runs in-process on a virtual clock; the checker
 * reads the compliance report and the stored notices and alerts (docs/simulation.md).
 */
describe('ten simulated days across Novruz', () => {
  let result: SimulationResult;

  beforeAll(async () => {
    result = await runSimulation({
      complaints: 60,
      from: '2027-03-17',
      to: '2027-03-27',
      tailDays: 3,
      seed: 7,
      stepMinutes: 30,
      staffing: { ...DEFAULT_STAFFING, weekdayAgents: 4, saturdayAgents: 1 },
      log: () => undefined,
    });
  }, 600_000);

  it('finds the product kept the policy for every complaint', () => {
    expect(result.calendar.productMismatch).toEqual([]);
    expect(result.check.violations).toEqual([]);
  });

  it('reports one row per complaint sent in, each on its channel', () => {
    const sent = result.sent.map((s) => `${s.reference ?? 'unregistered'} ${s.plan.channel}`).sort();
    const reported = result.rows.map((row) => `${row.reference} ${row.channel}`).sort();
    expect(reported).toEqual(sent);
    expect(new Set(result.rows.map((row) => row.channel))).toEqual(new Set(['chat', 'email', 'web_form', 'telegram', 'phone', 'complaint_book']));
  });

  it('gives each row the outcome its deadlines call for: missed exactly where a deadline was missed', () => {
    const missed = new Set(result.check.misses.map((miss) => miss.reference));
    for (const row of result.rows) {
      const expected = missed.has(row.reference) ? 'missed' : row.state === 'closed' ? 'met' : expect.stringMatching(/^(met|pending)$/);
      expect({ reference: row.reference, outcome: row.outcome }).toEqual({ reference: row.reference, outcome: expected });
    }
    expect(result.rows.filter((row) => row.outcome === 'met').length).toBeGreaterThan(result.rows.length / 2);
  });

  it('asked customers for details, extended cases with a reason, and answered every status request', () => {
    expect(result.tally.detailsRequested).toBeGreaterThan(0);
    expect(result.rows.some((row) => row.extensions.length > 0)).toBe(true);
    expect(result.tally.statusAsked).toBeGreaterThan(0);
    const answers = result.checked.flatMap((c) => [...c.statusLookups.map((l) => l.answered), ...c.statusRequestsByMessage.map(() => c.notices.some((n) => n.event === 'complaint.status'))]);
    expect(answers).toHaveLength(result.tally.statusAsked);
    expect(answers.every(Boolean)).toBe(true);
  });
});
