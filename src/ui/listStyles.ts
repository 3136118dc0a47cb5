/** Styles the pane's and the page's lists share: a plain list whose rows are full-width, left-aligned buttons. */
import { tokens } from '@fluentui/react-components';

export const clickableList = {
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    width: '100%',
    height: 'auto',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
} as const;
