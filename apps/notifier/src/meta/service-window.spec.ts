import { serviceWindow } from './service-window';

describe('serviceWindow', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

  it('is open for 24 hours after the customer wrote, then for an agent only until 7 days, then closed', () => {
    expect(serviceWindow(hoursAgo(23.9), now)).toBe('open');
    expect(serviceWindow(hoursAgo(24), now)).toBe('human-agent');
    expect(serviceWindow(hoursAgo(7 * 24 - 1), now)).toBe('human-agent');
    expect(serviceWindow(hoursAgo(7 * 24), now)).toBe('closed');
  });

  it('is closed when the customer never wrote', () => {
    expect(serviceWindow(null, now)).toBe('closed');
  });
});
