/** Shared layout styles: a single column that stays usable at 320 px. */
import { BadgeProps, makeStyles, tokens } from '@fluentui/react-components';
import type { FindingGroup } from '../../core/findingGroups';

/** One colour per group on every tab (问题 groups and cards, 一键生成 counts, 数据's missing inputs). */
export const GROUP_BADGE: Record<FindingGroup, NonNullable<BadgeProps['color']>> = {
  错误: 'danger',
  提示: 'warning',
  待补: 'brand',
};

export const usePaneStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  grow: { flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  /** Help text: body size, and a colour above WCAG AA (4.5:1) on the pane's background. */
  help: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  danger: { color: tokens.colorPaletteRedForeground1 },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  wrap: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  /** A list of cards (问题, 核对报告): no bullets, spaced. */
  cardList: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  /** One input in a list of inputs (数据 tab, 识别 panel): its lines stacked, a rule below. */
  inputItem: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});
