/**
 * 得分: the score sheet in the pane, folded by 一级 → 二级 → 三级, each line with 满分, 自评 (the
 * department's own score), 计算 (the rulebook's) and 扣分原因; on top the verified total, the grade
 * (a range while points are pending), the pending points (a line without its inputs is 待核实, not 0).
 */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Card,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type Decimal from 'decimal.js';
import { fixed } from '../../core/decimal';
import type { ScoreLine, ScoreSheet } from '../../core/results';
import { gradeRange } from '../../core/summary';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    rowGap: tokens.spacingVerticalXS,
    columnGap: tokens.spacingHorizontalM,
  },
  big: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  header: {
    display: 'flex',
    width: '100%',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  num: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  line: {
    listStyle: 'none',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  lines: { margin: 0, padding: 0 },
  level2: { margin: `${tokens.spacingVerticalS} 0 0` },
});

const pts = (x: Decimal) => fixed(x, 2);

/** Verified points (lines scored from their inputs) and pending points (lines 待核实), from the score sheet. */
export function verifiedAndPending(scores: ScoreSheet): { verified: Decimal; pending: Decimal } {
  const zero = scores.total.minus(scores.total);
  return scores.lines.reduce(
    (acc, l) =>
      l.missing
        ? { ...acc, pending: acc.pending.plus(l.points) }
        : { ...acc, verified: acc.verified.plus(l.score) },
    { verified: zero, pending: zero }
  );
}

function Line({ l }: { l: ScoreLine }) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  return (
    <li className={css.line} data-line={l.level3}>
      <div className={css.header}>
        <Text weight="semibold">{l.level3}</Text>
        <Text className={css.num}>
          {l.missing ? <Badge color="warning">{s.pendingLine}</Badge> : pts(l.score)} / {pts(l.points)}
        </Text>
      </div>
      <Body1 className={pane.help}>
        {s.points} {pts(l.points)} · {s.computedScore} {l.missing ? s.pendingLine : pts(l.score)}
        {l.claimed !== undefined ? ` · ${s.claimed} ${pts(l.claimed)}` : ''}
      </Body1>
      {l.deduction && (
        <Body1 className={pane.wrap}>
          {s.deduction}：{l.deduction}
        </Body1>
      )}
      {l.claimDiffers && <Body1 className={pane.wrap}>{l.claimDiffers}</Body1>}
    </li>
  );
}

export function ScoreTab({ scores }: { scores: ScoreSheet | null }) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  if (!scores) return <Body1>{s.noScores}</Body1>;
  const { pending } = verifiedAndPending(scores);
  const level1 = scores.groups.filter((g) => g.level === 1);
  return (
    <div className={pane.stack}>
      <Card aria-label={s.tabScore}>
        <div className={css.totals}>
          <div>
            <Body1 className={pane.help}>{s.total}</Body1>
            <div className={css.big} data-testid="score-total">
              {pts(scores.total)} / {pts(scores.points)}
            </div>
          </div>
          <div>
            <Body1 className={pane.help}>{s.grade}</Body1>
            {/* A range while points are pending: unknown is not wrong, so the grade is not settled either way. */}
            <div className={css.big} data-testid="score-grade">
              {gradeRange(scores)}
            </div>
          </div>
          <div>
            <Body1 className={pane.help}>{s.pending}</Body1>
            <div className={css.num} data-testid="pending">
              {pts(pending)}
            </div>
          </div>
          {scores.claimedTotal !== undefined && (
            <div>
              <Body1 className={pane.help}>{s.claimed}</Body1>
              <div className={css.num}>{pts(scores.claimedTotal)}</div>
            </div>
          )}
        </div>
      </Card>
      <Body1 className={pane.help}>{s.scoreIntro}</Body1>
      <Accordion multiple collapsible defaultOpenItems={[]}>
        {level1.map((g1) => (
          <AccordionItem key={g1.name} value={g1.name}>
            <AccordionHeader size="small">
              <span className={css.header}>
                <span>{g1.name}</span>
                <span className={css.num}>
                  {pts(g1.score)} / {pts(g1.points)}
                  {g1.claimed !== undefined ? `（${s.claimed} ${pts(g1.claimed)}）` : ''}
                </span>
              </span>
            </AccordionHeader>
            <AccordionPanel>
              {scores.groups
                .filter((g) => g.level === 2 && g.parent === g1.name)
                .map((g2) => (
                  <section key={g2.name} aria-label={g2.name}>
                    <Subtitle2 as="h4" block className={css.level2}>
                      {g2.name}{' '}
                      <span className={css.num}>
                        {pts(g2.score)} / {pts(g2.points)}
                      </span>
                    </Subtitle2>
                    <ul className={css.lines}>
                      {scores.lines
                        .filter((l) => l.level1 === g1.name && l.level2 === g2.name)
                        .map((l) => (
                          <Line key={l.level3} l={l} />
                        ))}
                    </ul>
                  </section>
                ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </div>
  );
}
