/** 一键生成: one button, the step being run, then the summary (total, grade, errors, warnings). */
import * as React from 'react';
import { Badge, Body1, Button, Card, CardHeader, Field, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
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

export function RunTab({ busy, step, summary, onRun }: RunTabProps) {
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
            color={step === 'done' ? 'success' : 'brand'}
          />
        </Field>
      )}
      {summary && (
        <Card aria-label={s.summary} data-testid="summary">
          <CardHeader
            header={<Text weight="semibold">{[summary.unit, summary.year && `${summary.year} ${s.year}`].filter(Boolean).join(' · ') || s.appTitle}</Text>}
          />
          <div className={css.figures}>
            <Figure label={s.total}>
              <Text className={css.big} data-testid="total">
                {summary.total ?? '—'}
              </Text>
            </Figure>
            <Figure label={s.grade}>
              <Text className={css.big} data-testid="grade">
                {summary.grade ?? s.notScored}
              </Text>
            </Figure>
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
        </Card>
      )}
    </div>
  );
}
