import { isFinalState } from './complaint-states';
import { redactHistoryWhy, redactHistoryDetails, retentionCutoff } from './personal-data';

describe('personal data rules', () => {
  it('counts the retention period from the end of a complaint only', () => {
    expect(['closed', 'rejected', 'withdrawn', 'merged'].every(isFinalState)).toBe(true);
    expect(['received', 'accepted', 'in_review', 'waiting_for_customer', 'resolved'].some(isFinalState)).toBe(false);
    expect(retentionCutoff(new Date('2026-12-31T00:00:00Z'), 30).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('erases what a person wrote in a history line and keeps what Plaint wrote', () => {
    expect(redactHistoryWhy('rejected: Ramil Aliyev called us names')).toBe('rejected: [erased]');
    expect(redactHistoryWhy('call-back reached; agreed: visit on Friday at 12 Nizami street')).toBe('call-back reached: [erased]');
    expect(redactHistoryWhy('resolution deadline extended to 2027-01-20T20:00:00.000Z: waiting for the supplier')).toBe(
      'resolution deadline extended to 2027-01-20T20:00:00.000Z: [erased]',
    );
    expect(redactHistoryWhy('told the customer: complaint.accepted')).toBe('told the customer: complaint.accepted');
    expect(redactHistoryWhy('assigned to 2f1c9a36-1d7e-4a53-9a43-6a2b0c1e7d11')).toBe('assigned to 2f1c9a36-1d7e-4a53-9a43-6a2b0c1e7d11');
    expect(redactHistoryWhy('near-identical to K7M4-Q9XD-2PTA (91% similar), linked automatically')).toBe(
      'near-identical to K7M4-Q9XD-2PTA (91% similar), linked automatically',
    );
  });

  it('keeps the dates, references and flags of a step and erases its written text', () => {
    expect(
      redactHistoryDetails({
        resolveBy: '2027-01-20T20:00:00.000Z',
        previousResolveBy: '2027-01-10T20:00:00.000Z',
        reason: 'the supplier in Ganja is late',
        survivingReference: 'K7M4-Q9XD-2PTA',
        oral: 'false',
        outcome: 'We replaced the fridge for Leyla',
      }),
    ).toEqual({
      resolveBy: '2027-01-20T20:00:00.000Z',
      previousResolveBy: '2027-01-10T20:00:00.000Z',
      reason: '[erased]',
      survivingReference: 'K7M4-Q9XD-2PTA',
      oral: 'false',
      outcome: '[erased]',
    });
    expect(redactHistoryDetails(null)).toBeNull();
  });
});
