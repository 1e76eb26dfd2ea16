import { Random } from '../seed/random.js';
import { BedQueues } from './bed-queues.js';
import { sampleStay, type CompiledStay } from './length-of-stay.js';
import { compileModel, FIRST_EXIT, TIER_COUNT, type Model } from './model.js';
import { NO_TIER, PersonTable } from './person-table.js';
import { EXITS, SECURE_TIERS, type Exit, type SecureTier } from './places.js';
import type { ReplicationResult, TierMetrics } from './result.js';
import type { Scenario } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';
import { LevelSeries } from './level-series.js';
import { TimedQueue } from './timed-queue.js';
import { TimeWeighted } from './time-weighted.js';
import { quantileWithZeros, shareAtMost, WaitSamples } from './wait-samples.js';

// One replication of the capacity-planning model: a discrete-event simulation in days. Events are
// arrivals (one merged Poisson stream, plus one event per regular stream) and ends of stay. When a
// stay ends the person is discharged, moves sideways (a new stay at the same tier), or asks for a bed
// at another tier. If that tier has a queue or no free bed they join its first-come-first-served queue
// and keep the bed they are in, as happens in life: held at a higher tier than needed, those days
// are excessive-security bed-days. Every freed bed goes to the front of its queue, which may free
// another bed and so on down the chain.

export interface SimulateOptions {
  seed: number;
  /** Measured years after the warm-up; defaults to the scenario's run.years. */
  years?: number;
  /** Unmeasured years first; defaults to the scenario's run.warmupYears. */
  warmupYears?: number;
  /** Share of beds filled at time zero; defaults to the scenario's run.initialOccupancy. */
  initialOccupancy?: number;
  /** Report mean occupied beds per tier over periods of this many days, warm-up included. */
  seriesPeriodDays?: number;
  /** Report the share of admissions from outside that waited at most each of these days. */
  waitMarksDays?: readonly number[];
}

export function simulate(scenario: Scenario, options: SimulateOptions): ReplicationResult {
  return simulateModel(compileModel(scenario), options);
}

/** As `simulate`, for a model compiled once and reused across replications. */
export function simulateModel(model: Model, options: SimulateOptions): ReplicationResult {
  return new Replication(model, options).run();
}

/** Heap items: a person number (end of stay) is ≥ 0; a regular arrival stream r is −2 − r. */
const regularItem = (stream: number) => -2 - stream;

// Levels integrated over time: beds occupied per tier, people waiting per tier, and people at tier
// `from` waiting to step down to tier `to`.
const OCCUPIED = 0;
const WAITING = TIER_COUNT;
const HELD = 2 * TIER_COUNT;
const held = (from: number, to: number) => HELD + from * TIER_COUNT + to;
const LEVELS = HELD + TIER_COUNT * TIER_COUNT;

const perTier = () => new Float64Array(TIER_COUNT);

class Replication {
  private readonly rng: Random;
  private readonly heap = new TimedQueue();
  private readonly people = new PersonTable();
  private readonly queues: BedQueues;
  private readonly occupied: Int32Array;
  private readonly levels: TimeWeighted;
  private readonly series: LevelSeries | undefined;
  private windowOpen = false;
  /** Slots with a freed bed to offer to their queue once the current event is done. */
  private readonly pending: Int32Array;
  private readonly isPending: Uint8Array;
  private pendingCount = 0;
  private readonly candidates = new Float64Array(16);
  private readonly stays: CompiledStay[];

  private readonly years: number;
  private readonly warmupYears: number;
  private readonly initialOccupancy: number;
  /** Day the measured window starts and ends. */
  private readonly warm: number;
  private readonly end: number;

  private readonly admissions = perTier();
  private readonly transfersIn = perTier();
  private readonly stepDowns = perTier();
  private readonly stepUps = perTier();
  private readonly sideways = perTier();
  private readonly discharges = perTier();
  private readonly stayCount = perTier();
  private readonly staySum = perTier();
  private readonly transferWaitCount = perTier();
  private readonly transferWaitSum = perTier();
  private readonly prisonWithin = perTier();
  private readonly prisonBreaches = perTier();
  private readonly exits = new Float64Array(EXITS.length);
  private readonly waits = SECURE_TIERS.map(() => new WaitSamples());
  private events = 0;
  private initial = 0;
  private arrivals = 0;
  private departures = 0;

  constructor(
    private readonly model: Model,
    private readonly options: SimulateOptions,
  ) {
    const run = model.scenario.run;
    this.years = options.years ?? run.years;
    this.warmupYears = options.warmupYears ?? run.warmupYears;
    this.initialOccupancy = options.initialOccupancy ?? run.initialOccupancy;
    if (!(this.years > 0) || !Number.isFinite(this.years)) throw new RangeError(`years must be a positive number, not ${this.years}`);
    if (!(this.warmupYears >= 0) || !Number.isFinite(this.warmupYears))
      throw new RangeError(`warmupYears must be zero or more, not ${this.warmupYears}`);
    this.warm = this.warmupYears * DAYS_PER_YEAR;
    this.end = this.warm + this.years * DAYS_PER_YEAR;
    this.rng = new Random(options.seed);
    const slots = model.capacity.length;
    this.queues = new BedQueues(slots, this.people);
    this.occupied = new Int32Array(slots);
    this.levels = new TimeWeighted(LEVELS);
    if (options.seriesPeriodDays !== undefined)
      this.series = new LevelSeries(this.levels, SECURE_TIERS.map((_, t) => OCCUPIED + t), options.seriesPeriodDays, this.end);
    this.pending = new Int32Array(slots);
    this.isPending = new Uint8Array(slots);
    // Unreachable tiers (validation guarantees nobody arrives there) get a placeholder.
    const placeholder = model.stays.find((s) => s !== null)!;
    this.stays = model.stays.map((s) => s ?? placeholder);
  }

  run(): ReplicationResult {
    const { model, heap, rng } = this;
    this.fillAtStart();
    // The merged Poisson stream always has exactly one arrival pending, so it is kept beside the
    // heap rather than in it: one heap push and pop fewer per arrival. Regular streams use the heap.
    const meanGap = 1 / model.poissonRatePerDay;
    let nextArrival = model.poissonRatePerDay > 0 ? rng.exponential(meanGap) : Infinity;
    model.regularIntervalDays.forEach((gap, r) => heap.push(gap, regularItem(r)));

    const end = this.end;
    // The next moment that needs bookkeeping besides events: the warm-up's end or a series period.
    let mark = this.advanceTo(0);
    let events = 0;
    for (;;) {
      const nextInHeap = heap.peekTime();
      const arrivalFirst = nextArrival < nextInHeap;
      const next = arrivalFirst ? nextArrival : nextInHeap;
      if (next > end) break;
      if (next >= mark) mark = this.advanceTo(next);
      events++;
      if (arrivalFirst) {
        const stream = this.pickPoissonStream();
        this.arrive(model.poissonSlot[stream]!, model.poissonSource[stream]!, next);
        nextArrival = next + rng.exponential(meanGap);
      } else {
        const item = heap.pop();
        if (item >= 0) this.endOfStay(item, next);
        else {
          const r = -2 - item;
          this.arrive(model.regularSlot[r]!, model.regularSource[r]!, next);
          heap.push(next + model.regularIntervalDays[r]!, item);
        }
      }
      if (this.pendingCount > 0) this.offerFreedBeds(next);
    }
    this.advanceTo(end);
    this.series?.finish();
    this.events = events;
    return this.report();
  }

  /** Opens the measured window and closes series periods up to `now`; returns when to call again. */
  private advanceTo(now: number): number {
    const series = this.series;
    if (!this.windowOpen && now >= this.warm) {
      series?.pass(this.warm);
      series?.windowStarting(this.warm);
      this.levels.startWindow(this.warm);
      this.windowOpen = true;
    }
    series?.pass(now);
    return Math.min(this.windowOpen ? Infinity : this.warm, series ? series.nextAt : Infinity);
  }

  /** Fills each slot to the initial occupancy with people part-way through a stay. */
  private fillAtStart(): void {
    const { model, people, rng } = this;
    if (this.initialOccupancy <= 0) return;
    for (let slot = 0; slot < model.capacity.length; slot++) {
      const t = slot % TIER_COUNT;
      const n = Math.floor(this.initialOccupancy * model.capacity[slot]!);
      for (let k = 0; k < n; k++) {
        const i = people.alloc();
        const stay = this.lengthBiasedStay(t);
        const elapsed = rng.next() * stay;
        people.pool[i] = (slot / TIER_COUNT) | 0;
        people.tier[i] = t;
        people.source[i] = -1;
        people.stayStart[i] = -elapsed;
        this.occupied[slot]!++;
        this.levels.add(OCCUPIED + t, 0, 1);
        this.heap.push(stay - elapsed, i);
        this.initial++;
      }
    }
  }

  /**
   * A stay for someone found in a bed on a given day. Long stays are over-represented among them (a
   * stay is found in proportion to its length), so drawing a fresh stay would start the model with
   * too few long-stayers and bias early departures short. Sampling-importance-resampling: of K fresh
   * stays pick one with probability proportional to its length, which approaches the length-biased
   * law as K grows; K = 16 is close and cheap, and the warm-up absorbs what is left.
   */
  private lengthBiasedStay(t: number): number {
    const candidates = this.candidates;
    let total = 0;
    for (let k = 0; k < candidates.length; k++) total += candidates[k] = sampleStay(this.rng, this.stays[t]!);
    let x = this.rng.next() * total;
    for (let k = 0; k < candidates.length; k++) {
      x -= candidates[k]!;
      if (x < 0) return candidates[k]!;
    }
    return candidates[candidates.length - 1]!;
  }

  private pickPoissonStream(): number {
    const cum = this.model.poissonCumulative;
    // One stream needs no draw (the M/M/c model, and a saving worth having in the hot loop).
    if (cum.length === 1) return 0;
    const u = this.rng.next();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cum[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private arrive(slot: number, source: number, now: number): void {
    const people = this.people;
    const t = slot % TIER_COUNT;
    const i = people.alloc();
    this.arrivals++;
    people.pool[i] = (slot / TIER_COUNT) | 0;
    people.tier[i] = NO_TIER;
    people.source[i] = source;
    this.seekBed(i, slot, t, now);
  }

  private endOfStay(i: number, now: number): void {
    const people = this.people;
    const t = people.tier[i]!;
    const slot = people.pool[i]! * TIER_COUNT + t;
    const places = this.model.nextPlace[slot]!;
    const cum = this.model.nextCumulative[slot]!;
    let k = 0;
    if (cum.length > 1) {
      const u = this.rng.next();
      while (u >= cum[k]!) k++;
    }
    const place = places[k]!;
    const measured = now >= this.warm;
    if (place >= FIRST_EXIT) {
      if (measured) {
        this.discharges[t]!++;
        this.exits[place - FIRST_EXIT]!++;
      }
      this.leaveBed(i, t, now);
      people.release(i);
      this.departures++;
    } else if (place === t) {
      // Another unit at the same tier: a new stay, the same bed as far as a pooled model can tell.
      if (measured) this.sideways[t]!++;
      this.heap.push(now + sampleStay(this.rng, this.stays[t]!), i);
    } else {
      this.seekBed(i, slot - t + place, place, now);
    }
  }

  /** Admits at once if nobody is ahead and a bed is free; otherwise joins the queue where they are. */
  private seekBed(i: number, slot: number, to: number, now: number): void {
    const people = this.people;
    people.waitStart[i] = now;
    if (this.queues.length[slot] === 0 && this.occupied[slot]! < this.model.capacity[slot]!) {
      this.admit(i, slot, to, now, false);
      return;
    }
    this.queues.push(slot, i);
    this.levels.add(WAITING + to, now, 1);
    const from = people.tier[i]!;
    if (from !== NO_TIER && to > from) this.levels.add(held(from, to), now, 1);
  }

  private admit(i: number, slot: number, to: number, now: number, queued: boolean): void {
    const from = this.people.tier[i]!;
    if (from === NO_TIER) this.countAdmission(i, to, now);
    else this.moveOut(i, from, to, now, queued);
    const people = this.people;
    people.tier[i] = to;
    people.stayStart[i] = now;
    this.occupied[slot]!++;
    this.levels.add(OCCUPIED + to, now, 1);
    this.heap.push(now + sampleStay(this.rng, this.stays[to]!), i);
  }

  /** Counts an admission from outside: its wait, and the prison clock. */
  private countAdmission(i: number, to: number, now: number): void {
    const waitStart = this.people.waitStart[i]!;
    const wait = now - waitStart;
    const measured = now >= this.warm;
    if (measured) {
      this.admissions[to]!++;
      this.waits[to]!.push(wait);
    }
    if (this.people.source[i] === this.model.prisonSource) {
      const limit = this.model.transferLimitDays;
      if (wait <= limit) {
        if (measured) this.prisonWithin[to]!++;
      } else if (waitStart + limit >= this.warm) this.prisonBreaches[to]!++;
    }
  }

  /** Counts a move between tiers and frees the bed the person held. */
  private moveOut(i: number, from: number, to: number, now: number, queued: boolean): void {
    if (now >= this.warm) {
      this.transfersIn[to]!++;
      if (to > from) this.stepDowns[from]!++;
      else this.stepUps[from]!++;
      this.transferWaitCount[to]!++;
      this.transferWaitSum[to]! += now - this.people.waitStart[i]!;
    }
    if (queued && to > from) this.levels.add(held(from, to), now, -1);
    this.leaveBed(i, from, now);
  }

  private leaveBed(i: number, t: number, now: number): void {
    const slot = this.people.pool[i]! * TIER_COUNT + t;
    this.occupied[slot]!--;
    this.levels.add(OCCUPIED + t, now, -1);
    if (now >= this.warm) {
      this.stayCount[t]!++;
      this.staySum[t]! += now - this.people.stayStart[i]!;
    }
    // Only a slot with a queue needs its freed bed offered: an empty queue means the next person
    // for it finds the bed free on arrival.
    if (this.queues.length[slot]! > 0 && this.isPending[slot] === 0) {
      this.isPending[slot] = 1;
      this.pending[this.pendingCount++] = slot;
    }
  }

  /** Offers every freed bed to the front of its queue; each move may free a bed elsewhere. */
  private offerFreedBeds(now: number): void {
    const { queues, occupied, model } = this;
    while (this.pendingCount > 0) {
      const slot = this.pending[--this.pendingCount]!;
      this.isPending[slot] = 0;
      const to = slot % TIER_COUNT;
      while (occupied[slot]! < model.capacity[slot]! && queues.length[slot]! > 0) {
        const i = queues.shift(slot);
        this.levels.add(WAITING + to, now, -1);
        this.admit(i, slot, to, now, true);
      }
    }
  }

  private report(): ReplicationResult {
    const { model, levels, end, warm, people } = this;
    for (let k = 0; k < LEVELS; k++) levels.accrue(k, end);
    const limit = model.transferLimitDays;
    // Prison referrals still waiting whose clock ran out inside the window are breaches too.
    let waitingAtEnd = 0;
    let inBedsAtEnd = 0;
    for (let slot = 0; slot < model.capacity.length; slot++) {
      inBedsAtEnd += this.occupied[slot]!;
      this.queues.forEach(slot, (p) => {
        if (people.tier[p] !== NO_TIER) return;
        waitingAtEnd++;
        const breachAt = people.waitStart[p]! + limit;
        if (people.source[p] === model.prisonSource && breachAt >= warm && breachAt <= end) this.prisonBreaches[slot % TIER_COUNT]!++;
      });
    }

    const years = this.years;
    const days = end - warm;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    const tiers = {} as Record<SecureTier, TierMetrics>;
    let excessDays = 0;
    let excessCost = 0;
    let within = 0;
    let breaches = 0;
    SECURE_TIERS.forEach((tier, t) => {
      let beds = 0;
      for (let p = 0; p < model.poolCount; p++) beds += model.capacity[p * TIER_COUNT + t]!;
      let heldDays = 0;
      let heldCost = 0;
      for (let to = 0; to < TIER_COUNT; to++) {
        const area = levels.area[held(t, to)]!;
        heldDays += area;
        heldCost += area * (model.tariffs[t]! - model.tariffs[to]!);
      }
      excessDays += heldDays;
      excessCost += heldCost;
      within += this.prisonWithin[t]!;
      breaches += this.prisonBreaches[t]!;
      const meanOccupied = levels.area[OCCUPIED + t]! / days;
      const w = this.waits[t]!;
      const median = w.quantile(0.5);
      const p90 = w.quantile(0.9);
      tiers[tier] = {
        beds,
        meanOccupied,
        occupancy: ratio(meanOccupied, beds),
        meanWaiting: levels.area[WAITING + t]! / days,
        admissionsPerYear: this.admissions[t]! / years,
        transfersInPerYear: this.transfersIn[t]! / years,
        stepDownsPerYear: this.stepDowns[t]! / years,
        stepUpsPerYear: this.stepUps[t]! / years,
        sidewaysPerYear: this.sideways[t]! / years,
        dischargesPerYear: this.discharges[t]! / years,
        meanLengthOfStayDays: ratio(this.staySum[t]!, this.stayCount[t]!),
        meanWaitDays: w.mean(),
        medianWaitDays: median,
        p90WaitDays: p90,
        waitedShare: ratio(w.positive, w.count),
        meanTransferWaitDays: ratio(this.transferWaitSum[t]!, this.transferWaitCount[t]!),
        prisonWithinLimitShare: ratio(this.prisonWithin[t]!, this.prisonWithin[t]! + this.prisonBreaches[t]!),
        prisonBreachesPerYear: this.prisonBreaches[t]! / years,
        excessSecurityBedDaysPerYear: heldDays / years,
        excessSecurityCostPerYear: heldCost / years,
      };
    });

    const allPositive = new Float64Array(this.waits.reduce((n, w) => n + w.positive, 0));
    let at = 0;
    for (const w of this.waits) {
      allPositive.set(w.positives(), at);
      at += w.positive;
    }
    const waitCount = this.waits.reduce((n, w) => n + w.count, 0);
    const waitSum = this.waits.reduce((s, w) => s + w.sum, 0);
    const dischargesByDestinationPerYear = {} as Record<Exit, number>;
    EXITS.forEach((exit, k) => (dischargesByDestinationPerYear[exit] = this.exits[k]! / years));
    const result: ReplicationResult = {
      seed: this.options.seed,
      years,
      warmupYears: this.warmupYears,
      events: this.events,
      tiers,
      system: {
        meanOccupied: SECURE_TIERS.reduce((s, t) => s + tiers[t].meanOccupied, 0),
        admissionsPerYear: SECURE_TIERS.reduce((s, t) => s + tiers[t].admissionsPerYear, 0),
        dischargesPerYear: SECURE_TIERS.reduce((s, t) => s + tiers[t].dischargesPerYear, 0),
        meanWaitDays: ratio(waitSum, waitCount),
        medianWaitDays: quantileWithZeros(allPositive, waitCount - allPositive.length, 0.5),
        prisonWithinLimitShare: ratio(within, within + breaches),
        prisonBreachesPerYear: breaches / years,
        excessSecurityBedDaysPerYear: excessDays / years,
        excessSecurityCostPerYear: excessCost / years,
      },
      dischargesByDestinationPerYear,
      ledger: { initial: this.initial, arrivals: this.arrivals, departures: this.departures, inBedsAtEnd, waitingAtEnd },
    };
    const marks = this.options.waitMarksDays;
    if (marks) {
      const shares = (w: WaitSamples) => marks.map((d) => shareAtMost(w.positives(), w.count, d));
      result.waitWithin = { days: [...marks], tiers: { high: shares(this.waits[0]!), medium: shares(this.waits[1]!), low: shares(this.waits[2]!) } };
    }
    if (this.series) {
      const v = this.series.values;
      result.series = { periodDays: this.series.periodDays, occupied: { high: v[0]!, medium: v[1]!, low: v[2]! } };
    }
    return result;
  }
}
