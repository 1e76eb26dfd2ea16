import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// NHS blue (#005EB8) as the primary colour, at a shade that keeps white text above 4.5:1 contrast.
const nhsBlue: MantineColorsTuple = ['#e8f1fb', '#d0e3f6', '#a3c7ec', '#71a8e1', '#468dd6', '#2677cc', '#1a6bbf', '#0a64bc', '#005eb8', '#003d7a'];

export const theme = createTheme({
  primaryColor: 'nhsBlue',
  primaryShade: { light: 8, dark: 8 },
  colors: { nhsBlue },
  fontFamily: 'Arial, "Helvetica Neue", Helvetica, sans-serif',
  headings: { fontFamily: 'Arial, "Helvetica Neue", Helvetica, sans-serif' },
  defaultRadius: 'sm',
});

/** Muted text and error messages dark enough for WCAG AA on white (Mantine's default grey is 3.3:1, its error red 3.2:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
