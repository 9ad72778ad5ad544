import { createTheme, Modal, Notification, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const systemFont = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** A deeper teal than Mantine's own, so white text on buttons and teal text on tints pass WCAG AA. */
const keyTeal: MantineColorsTuple = [
  '#e6f7f5',
  '#c4ebe6',
  '#9ddcd4',
  '#6fcabf',
  '#45b8aa',
  '#2aa597',
  '#17897d',
  '#0f766e',
  '#0b5e58',
  '#084c47',
];

export const theme = createTheme({
  colors: { keyTeal },
  primaryColor: 'keyTeal',
  primaryShade: 7,
  defaultRadius: 'md',
  fontFamily: systemFont,
  headings: { fontFamily: systemFont },
  components: {
    // Every dialog: a named close button, and a header that is not a second page banner.
    Modal: Modal.extend({
      defaultProps: {
        closeButtonProps: { 'aria-label': 'Close' },
        attributes: { header: { role: 'presentation' } },
      },
    }),
    // Every toast: a named close button ("Close notification").
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
  },
});

/** Mantine's dimmed grey, error red and orange tint text are below 4.5:1 on white; darken them. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-orange-light-color': '#a33a08',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
