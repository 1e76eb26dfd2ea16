import { describe, expect, it } from 'vitest';
import { availableActions, canStart, flags, onBoard, queueOrder, stateOnArrival, type BoardFields } from './referral-rules.js';
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

describe('board filters', () => {
  const referral: BoardFields = {
    target_region_id: 3,
    target_unit_id: 30,
    target_organisation_id: 300,
    referring_organisation_id: 700,
    requested_tier: 'medium',
    urgency: 'urgent',
    legal_route: 's47_49',
  };

  it('shows a referral on an unfiltered board', () => {
    expect(onBoard(referral, {})).toBe(true);
  });

  it('matches each filter on its own field', () => {
    expect(onBoard(referral, { regionId: 3 })).toBe(true);
    expect(onBoard(referral, { regionId: 4 })).toBe(false);
    expect(onBoard(referral, { unitId: 30 })).toBe(true);
    expect(onBoard(referral, { unitId: 31 })).toBe(false);
    expect(onBoard(referral, { tier: 'medium' })).toBe(true);
    expect(onBoard(referral, { tier: 'low' })).toBe(false);
    expect(onBoard(referral, { urgency: 'urgent' })).toBe(true);
    expect(onBoard(referral, { urgency: 'routine' })).toBe(false);
  });

  it('finds an organisation\'s referrals both ways: those it made and those sent to its units', () => {
    expect(onBoard(referral, { organisationId: 700 })).toBe(true);
    expect(onBoard(referral, { organisationId: 300 })).toBe(true);
    expect(onBoard(referral, { organisationId: 301 })).toBe(false);
    // A regional panel belongs to no organisation.
    expect(onBoard({ ...referral, target_unit_id: null, target_organisation_id: null }, { organisationId: 300 })).toBe(false);
  });

  it('keeps prison transfers (s47/49, s48/49) only when asked, and ignores the filter when false', () => {
    expect(onBoard(referral, { prisonOnly: true })).toBe(true);
    expect(onBoard({ ...referral, legal_route: 's48_49' }, { prisonOnly: true })).toBe(true);
    expect(onBoard({ ...referral, legal_route: 's37' }, { prisonOnly: true })).toBe(false);
    expect(onBoard({ ...referral, legal_route: 's37' }, { prisonOnly: false })).toBe(true);
  });

  it('needs every filter given to match', () => {
    expect(onBoard(referral, { regionId: 3, tier: 'medium', prisonOnly: true })).toBe(true);
    expect(onBoard(referral, { regionId: 3, tier: 'low', prisonOnly: true })).toBe(false);
  });
});
