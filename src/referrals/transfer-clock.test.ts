import { describe, expect, it } from 'vitest';
import { directionStatus, localDate, startOfLocalDay, transferClock, type ClockInput } from './transfer-clock.js';

const TZ = 'Europe/London';
const base = (over: Partial<ClockInput>): ClockInput => ({
  policy: 'single_14',
  receivedAt: new Date('2026-11-02T10:00:00Z'), // a Monday
  firstAssessmentAt: null,
  stoppedAt: null,
  stopReason: null,
  now: new Date('2026-11-02T10:00:00Z'),
  amberDays: 3,
  timeZone: TZ,
  ...over,
});
const admittedOn = (at: string) => ({ stoppedAt: new Date(at), stopReason: 'admitted' as const, now: new Date(at) });

describe('single 14-day clock', () => {
  it('is met by an admission on day 13 or day 14, breached on day 15', () => {
    expect(transferClock(base(admittedOn('2026-11-15T18:00:00Z'))).status).toBe('met');
    const day14 = transferClock(base(admittedOn('2026-11-16T23:59:00Z')));
    expect(day14.status).toBe('met');
    expect(day14.current.days).toBe(14);
    const day15 = transferClock(base(admittedOn('2026-11-17T00:01:00Z')));
    expect(day15.status).toBe('breached');
    expect(day15.current.days).toBe(15);
  });

  it('counts weekends and bank holidays as days (the clock runs over Christmas)', () => {
    const c = transferClock(base({ receivedAt: new Date('2026-12-18T09:00:00Z'), now: new Date('2027-01-01T12:00:00Z') }));
    expect(c.current.dueOn).toBe('2027-01-01');
    expect(c.daysRemaining).toBe(0);
    expect(c.status).toBe('amber');
    expect(transferClock(base({ receivedAt: new Date('2026-12-18T09:00:00Z'), now: new Date('2027-01-02T00:00:00Z') })).status).toBe('breached');
  });

  it('turns amber when the threshold is reached and not before', () => {
    expect(transferClock(base({ now: new Date('2026-11-12T12:00:00Z') })).status).toBe('on_track'); // 4 left
    const amber = transferClock(base({ now: new Date('2026-11-13T12:00:00Z') }));
    expect(amber.status).toBe('amber');
    expect(amber.daysRemaining).toBe(3);
    expect(transferClock(base({ now: new Date('2026-11-13T12:00:00Z'), amberDays: 2 })).status).toBe('on_track');
  });

  it('counts local dates across the March clock change: 00:30 BST is the next day', () => {
    // Received 23:30 GMT on Sunday 15 March; admitted at 00:30 BST on 30 March (23:30 UTC on the 29th):
    // fourteen days by UTC date, fifteen by the calendar on the ward wall.
    const c = transferClock(base({ receivedAt: new Date('2026-03-15T23:30:00Z'), ...admittedOn('2026-03-29T23:30:00Z') }));
    expect(c.current.days).toBe(15);
    expect(c.status).toBe('breached');
  });

  it('counts local dates across the October clock change', () => {
    // Received 00:30 BST on Monday 12 October (23:30 UTC on the 11th); due Monday 26 October.
    const received = new Date('2026-10-11T23:30:00Z');
    expect(localDate(received, TZ)).toBe('2026-10-12');
    const c = transferClock(base({ receivedAt: received, ...admittedOn('2026-10-26T23:30:00Z') }));
    expect(c.current.dueOn).toBe('2026-10-26');
    expect(c.status).toBe('met'); // 23:30 GMT on the 26th is still the 26th
    // The countdown runs to the end of the due day in local time: midnight GMT after the change.
    expect(transferClock(base({ receivedAt: received })).dueAt).toBe('2026-10-27T00:00:00.000Z');
  });

  it('stops without a verdict on withdrawal, but remembers a breach that had happened', () => {
    const early = transferClock(base({ stoppedAt: new Date('2026-11-05T10:00:00Z'), stopReason: 'withdrawn', now: new Date('2026-12-01T10:00:00Z') }));
    expect(early.status).toBe('stopped');
    expect(early.breached).toBe(false);
    expect(early.daysRemaining).toBeNull();
    const late = transferClock(base({ stoppedAt: new Date('2026-11-20T10:00:00Z'), stopReason: 'not_needed' }));
    expect(late.breached).toBe(true);
  });
});

describe('two-stage clock', () => {
  const two = (over: Partial<ClockInput>) => base({ policy: 'two_stage_14', ...over });

  it('runs the first stage to the first assessment', () => {
    const c = transferClock(two({ now: new Date('2026-11-10T10:00:00Z') }));
    expect(c.current.name).toBe('referral_to_assessment');
    expect(c.daysRemaining).toBe(6);
  });

  it('starts the second stage on the day of assessment, giving 14 more days', () => {
    const c = transferClock(two({ firstAssessmentAt: new Date('2026-11-14T10:00:00Z'), now: new Date('2026-11-20T10:00:00Z') }));
    expect(c.stages.map((s) => s.breached)).toEqual([false, false]);
    expect(c.current.name).toBe('assessment_to_transfer');
    expect(c.current.dueOn).toBe('2026-11-28');
    // Admitted 26 days after referral: outside a single clock, inside both stages.
    expect(transferClock(two({ firstAssessmentAt: new Date('2026-11-14T10:00:00Z'), ...admittedOn('2026-11-28T10:00:00Z') })).status).toBe('met');
    expect(transferClock(base({ firstAssessmentAt: new Date('2026-11-14T10:00:00Z'), ...admittedOn('2026-11-28T10:00:00Z') })).status).toBe('breached');
  });

  it('is breached when the assessment came late, however fast the transfer', () => {
    const c = transferClock(two({ firstAssessmentAt: new Date('2026-11-17T10:00:00Z'), ...admittedOn('2026-11-18T10:00:00Z') }));
    expect(c.stages[0]!.breached).toBe(true);
    expect(c.status).toBe('breached');
  });
});

describe('transfer direction validity', () => {
  it('lasts 14 days counting the day of issue', () => {
    expect(directionStatus('2026-11-02', '2026-11-15', 3)).toMatchObject({ expiresOn: '2026-11-15', daysRemaining: 0, status: 'expiring' });
    expect(directionStatus('2026-11-02', '2026-11-16', 3).status).toBe('lapsed');
    expect(directionStatus('2026-11-02', '2026-11-11', 3).status).toBe('valid');
    expect(directionStatus('2026-11-02', '2026-11-12', 3).status).toBe('expiring');
  });
});

describe('start of a local day', () => {
  it('is 23:00 UTC the evening before in summer and midnight UTC in winter', () => {
    expect(startOfLocalDay('2026-07-01', TZ).toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfLocalDay('2026-12-01', TZ).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', TZ).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', TZ).toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });
});
