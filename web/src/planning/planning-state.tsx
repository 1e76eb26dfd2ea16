import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Scenario } from '../../../src/planning/scenario.js';
import type { CalibrationResponse, VariantInput } from './planning.api';

// What the planner is working on, shared by the Planning page's tabs and kept for the browser tab's
// session (a reload does not lose a calibrated scenario or its variants).

export interface RunSize {
  replications: number;
  years: number;
  warmupYears: number;
  seed: number;
}

export interface PlanningState {
  scenario: Scenario | null;
  /** Where the scenario came from, in words ("London, calibrated …", "my-scenario.json"). */
  origin: string;
  calibration: CalibrationResponse | null;
  variants: VariantInput[];
  run: RunSize;
  /** The simulation job whose progress and results are shown. */
  jobId: number | null;
  searchJobId: number | null;
}

export const DEFAULT_RUN: RunSize = { replications: 50, years: 10, warmupYears: 5, seed: 1 };

const EMPTY: PlanningState = { scenario: null, origin: '', calibration: null, variants: [], run: DEFAULT_RUN, jobId: null, searchJobId: null };
const KEY = 'securepath.planning';

interface Context {
  state: PlanningState;
  update(change: Partial<PlanningState> | ((s: PlanningState) => Partial<PlanningState>)): void;
}

const PlanningContext = createContext<Context | null>(null);

function restore(): PlanningState {
  try {
    const saved = sessionStorage.getItem(KEY);
    return saved ? { ...EMPTY, ...(JSON.parse(saved) as Partial<PlanningState>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function PlanningProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PlanningState>(restore);
  useEffect(() => {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // Storage full or blocked: the work stays on the page, it just does not survive a reload.
    }
  }, [state]);
  const value = useMemo<Context>(() => ({ state, update: (change) => setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) })) }), [state]);
  return <PlanningContext.Provider value={value}>{children}</PlanningContext.Provider>;
}

export function usePlanning(): Context {
  const context = useContext(PlanningContext);
  if (!context) throw new Error('usePlanning must be used inside <PlanningProvider>');
  return context;
}
