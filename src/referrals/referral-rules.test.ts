import { describe, expect, it } from 'vitest';
import { availableActions, canStart, flags, queueOrder, stateOnArrival } from './referral-rules.js';
import { transferClock } from './transfer-clock.js';

describe('referral workflow', () => {
  it('lets a panel decide only on an assessed referral', () => {
    expect(canStart('decide', 'assessed')).toBe(true);
    expect(canStart('decide', 'received')).toBe(false);
    expect(canStart('decide', 'declined')).toBe(false);
  });

  it('never admits a declined, withdrawn or merely accepted referral: a bed must be offered first', () => {
    expect(canStart('admit', 'declined')).toBe(false);
    expect(canStart('admit', 'withdrawn')).toBe(false);
    expect(canStart('admit', 'accepted')).toBe(false);
    expect(canStart('admit', 'bed_offered')).toBe(true);
  });

  it('forwards a declined referral keeping a valid assessment, so the next panel can decide at once', () => {
    expect(canStart('forward', 'declined')).toBe(true);
    expect(stateOnArrival(true)).toBe('assessed');
    expect(stateOnArrival(false)).toBe('received');
  });

  it('offers nothing on a closed referral, and a transfer direction only on prison routes', () => {
    expect(availableActions('admitted', 's47_49', 'met')).toEqual([]);
    expect(availableActions('received', 's47_49', 'on_track')).toContain('direction');
    expect(availableActions('received', 's37_41', 'on_track')).not.toContain('direction');
  });

  it('offers a reason for delay only once the clock is amber or breached', () => {
    expect(availableActions('assessed', 's47_49', 'on_track')).not.toContain('breach_reason');
    expect(availableActions('assessed', 's47_49', 'amber')).toContain('breach_reason');
    expect(availableActions('assessed', 's47_49', 'breached')).toContain('breach_reason');
  });
});

describe('flags', () => {
  const clock = (now: string) =>
    transferClock({ policy: 'single_14', receivedAt: new Date('2026-11-02T10:00:00Z'), firstAssessmentAt: null, stoppedAt: null, stopReason: null, now: new Date(now), amberDays: 3, timeZone: 'Europe/London' });

  it('asks for a breach reason once the clock is breached, until one is given', () => {
    const breached = clock('2026-11-20T10:00:00Z');
    expect(flags({ clock: breached, breachReason: null, hasRepeatAssessment: false, direction: null, open: true })).toEqual(['breach_reason_needed']);
    expect(flags({ clock: breached, breachReason: 'no_bed_at_tier', hasRepeatAssessment: false, direction: null, open: true })).toEqual([]);
    expect(flags({ clock: clock('2026-11-10T10:00:00Z'), breachReason: null, hasRepeatAssessment: true, direction: null, open: true })).toEqual(['duplicate_assessment']);
  });
});

describe('queue order', () => {
  it('puts the most overdue first, then emergencies', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const rows = [
      { id: 1, daysRemaining: 5, urgency: 'routine', receivedAt: at },
      { id: 2, daysRemaining: -3, urgency: 'routine', receivedAt: at },
      { id: 3, daysRemaining: 5, urgency: 'emergency', receivedAt: at },
    ];
    expect(rows.sort(queueOrder).map((r) => r.id)).toEqual([2, 3, 1]);
  });
});
