/** The bed colours shared by the bed map (CSS) and the charts (canvas), all at least 3:1 against white. */
export const BED_COLOURS = {
  occupied: '#003d7a',
  vacant: '#007f3b',
  closed: '#768692',
  over: '#d5281b',
} as const;
