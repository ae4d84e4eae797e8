/**
 * 得分: the score sheet in the pane, folded by 一级 → 二级 → 三级, one score per line (a line without its
 * inputs is 待核实, not 0) with its 扣分原因 and the department's own score where it differs; on top the
 * verified total, the grade (a range while points are pending), the pending points and the claimed total.
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
import type { Operand, ScoreGroup, ScoreLine, ScoreSheet } from '../../core/results';
import { gradeRange, pendingPointsOf } from '../../core/summary';
import { useStrings } from '../strings';
import { GROUP_BADGE, usePaneStyles } from './styles';

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

/** `实际政府采购金额（基础数据!B18）、政府采购预算数（基础数据!B17）`: what a 待核实 line waits for. */
const toFill = (ops: Operand[]) =>
  ops.map((o) => (o.address ? `${o.label}（${o.address}）` : o.label)).join('、');

/**
 * One line, one score: `1.92 / 2.00`, or 待核实 (never 0.00) while its inputs are blank. Below it only
 * what differs: the 扣分原因, the department's own score where it is not the verified one (for a 待核实
 * line: its claim, unverified, and what to fill).
 */
function Line({ l }: { l: ScoreLine }) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const claimed = l.claimed !== undefined ? pts(l.claimed) : null;
  return (
    <li className={css.line} data-line={l.level3}>
      <div className={css.header}>
        <Text weight="semibold">{l.level3}</Text>
        <Text className={css.num} data-testid="line-score">
          {/* 待核实 waits for figures to fill: the 待补 colour of the other tabs. */}
          {l.missing ? (
            <Badge appearance="tint" color={GROUP_BADGE.待补}>
              {s.pendingLine}
            </Badge>
          ) : (
            pts(l.score)
          )}{' '}
          / {pts(l.points)}
        </Text>
      </div>
      {l.missing ? (
        <>
          {claimed !== null && (
            <Body1 className={pane.help}>
              {l.claimBasis ? s.claimInferred(claimed, l.claimBasis) : s.claimUnverified(claimed)}
            </Body1>
          )}
          {l.missingInputs?.length ? (
            <Body1 className={pane.wrap}>
              {s.missing}：{toFill(l.missingInputs)}
            </Body1>
          ) : (
            l.deduction && <Body1 className={pane.wrap}>{l.deduction}</Body1>
          )}
        </>
      ) : (
        <>
          {l.deduction && (
            <Body1 className={pane.wrap}>
              {s.deduction}：{l.deduction}
            </Body1>
          )}
          {claimed !== null && !l.claimed!.equals(l.score) && (
            <Body1 className={pane.help}>{s.claimDiffers(claimed)}</Body1>
          )}
        </>
      )}
    </li>
  );
}

/** `20.13 / 30.00`, `待核实 / 6.00` when none of its lines is verified, and what is pending and claimed. */
function GroupScore({ g }: { g: ScoreGroup }) {
  const s = useStrings();
  const pending = g.pending && !g.pending.isZero() ? g.pending : null;
  const allPending = pending !== null && pending.equals(g.points);
  const notes = [
    pending && !allPending ? `${s.pendingLine} ${pts(pending)}` : '',
    g.claimed !== undefined ? `${s.claimed} ${pts(g.claimed)}` : '',
  ].filter(Boolean);
  return (
    <>
      {allPending ? s.pendingLine : pts(g.score)} / {pts(g.points)}
      {notes.length ? `（${notes.join('，')}）` : ''}
    </>
  );
}

export function ScoreTab({ scores }: { scores: ScoreSheet | null }) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  if (!scores) return <Body1>{s.noScores}</Body1>;
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
              {pts(pendingPointsOf(scores))}
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
                  <GroupScore g={g1} />
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
                        <GroupScore g={g2} />
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
