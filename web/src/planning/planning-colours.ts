import type { SecureTier } from '../../../src/planning/places.js';

// Colours of the planning charts, each at least 3:1 against white; series also differ by pattern or
// line style, so colour is never the only cue.

/** Baseline first, then each variant in turn. */
export const SCENARIO_COLOURS = ['#005eb8', '#007f3b', '#ae2573', '#8a4b00', '#330072', '#00708a', '#d5281b'];

export const TIER_COLOURS: Record<SecureTier, string> = { high: '#330072', medium: '#005eb8', low: '#007f3b' };

export const scenarioColour = (index: number) => SCENARIO_COLOURS[index % SCENARIO_COLOURS.length]!;

/** Text and badge colours for readings, dark enough for white text on them and for text on white (≥ 4.5:1). */
export const READING_COLOURS = {
  good: '#00703c',
  bad: '#b0131b',
  neutral: '#4c6272',
  info: '#005eb8',
  low: '#8a4b00',
  high: '#6b2a7a',
} as const;
