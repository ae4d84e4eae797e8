/**
 * 一键生成: one button, the step being run, then the summary: verified and pending points, the grade
 * (or range), the problem counts; or, when 数据不完整, in a neutral colour, the inputs that matter most.
 */
import * as React from 'react';
import { Badge, Body1, Button, Caption1, Card, CardHeader, Field, Link, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { NeededInput } from '../../core/completeness';
import type { EvaluationSummary } from '../../core/engine';
import { STEPS, StepId } from '../pipeline';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  figures: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: tokens.spacingVerticalS, columnGap: tokens.spacingHorizontalM },
  figure: { display: 'flex', flexDirection: 'column' },
  big: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
});

export interface RunTabProps {
  busy: boolean;
  step: StepId | null;
  summary: EvaluationSummary | null;
  /** When 数据不完整: the unfilled inputs that matter most. */
  needed?: NeededInput[];
  /** Goes to a cell (selects it in Excel). */
  onSelect?(address: string): void;
  onRun(): void;
}

/** One figure of the summary: its label above it. */
function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  const css = useStyles();
  const pane = usePaneStyles();
  return (
    <div className={css.figure}>
      <Text className={pane.muted}>{label}</Text>
      <span>{children}</span>
    </div>
  );
}

export function RunTab({ busy, step, summary, needed, onSelect, onRun }: RunTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const label: Record<StepId, string> = { read: s.stepRead, evaluate: s.stepEvaluate, write: s.stepWrite, done: s.stepDone };
  const running = busy && step !== null && step !== 'done';
  return (
    <div className={pane.stack}>
      <Body1 className={pane.muted}>{s.runIntro}</Body1>
      <Button appearance="primary" size="large" disabled={busy} onClick={onRun}>
        {running ? s.running : s.run}
      </Button>
      {step && (
        <Field validationMessage={label[step]} validationState="none" aria-live="polite">
          <ProgressBar
            value={(STEPS.indexOf(step) + (step === 'done' ? 0 : 0.5)) / (STEPS.length - 1)}
            thickness="large"
            color={step === 'done' && summary?.complete !== false ? 'success' : 'brand'}
          />
        </Field>
      )}
      {summary && (
        <Card aria-label={s.summary} data-testid="summary">
          <CardHeader
            header={<Text weight="semibold">{[summary.unit, summary.year && `${summary.year} ${s.year}`].filter(Boolean).join(' · ') || s.appTitle}</Text>}
          />
          <Caption1 className={pane.muted} data-testid="completeness">
            {summary.completeness}
          </Caption1>
          {!summary.complete && (
            <div data-testid="incomplete">
              <Text weight="semibold">{s.incomplete}</Text>
              <Body1 as="p">{s.incompleteIntro}</Body1>
              <ol>
                {(needed ?? []).map((n) => (
                  <li key={`${n.name}|${n.label}`}>
                    {n.address && onSelect ? <Link onClick={() => onSelect(n.address!)}>{n.label}</Link> : n.label}
                    {n.address ? ` ${n.address}` : ''}（{s.points(n.points.toFixed(2))}）
                  </li>
                ))}
              </ol>
            </div>
          )}
          <div className={css.figures}>
            {summary.complete && (
              <>
                <Figure label={s.total}>
                  <Text className={css.big} data-testid="total">
                    {summary.total ?? '—'}
                  </Text>
                </Figure>
                <Figure label={s.pending}>
                  <Text className={css.big} data-testid="pending">
                    {summary.pendingPoints ?? '—'}
                  </Text>
                </Figure>
                <Figure label={s.grade}>
                  <Text className={css.big} data-testid="grade">
                    {summary.gradeText ?? s.notScored}
                  </Text>
                </Figure>
              </>
            )}
            <Figure label={s.errors}>
              <Badge size="large" color={summary.errors ? 'danger' : 'success'} data-testid="errors">
                {summary.errors}
              </Badge>
            </Figure>
            <Figure label={s.warnings}>
              <Badge size="large" color={summary.warnings ? 'warning' : 'success'} data-testid="warnings">
                {summary.warnings}
              </Badge>
            </Figure>
          </div>
          <Body1 data-testid="counts">{summary.counts}</Body1>
        </Card>
      )}
    </div>
  );
}
