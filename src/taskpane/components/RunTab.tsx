/**
 * 一键生成 and what comes next: the summary (verified and pending points, the grade or range, the problem
 * counts; or, when 数据不完整, in a neutral colour, the inputs that matter most). One primary action at a
 * time: 打开工作簿 (the web page's header) → 一键生成 → 查看问题 when there are errors, else 下载结果 (web
 * page) or 查看得分. The 错误, 提示 and 待补 counts jump to their group in 问题.
 */
import * as React from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  Link,
  makeStyles,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { NeededInput } from '../../core/completeness';
import type { EvaluationSummary } from '../../core/engine';
import { FINDING_GROUPS, FindingGroup, GroupedFindings } from '../../core/findingGroups';
import { STEPS, StepId } from '../pipeline';
import { useStrings } from '../strings';
import { GROUP_BADGE, usePaneStyles } from './styles';

const useStyles = makeStyles({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    rowGap: tokens.spacingVerticalS,
    columnGap: tokens.spacingHorizontalM,
  },
  figure: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  big: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  badgeButton: { minWidth: 0, padding: 0, height: 'auto' },
});

export interface RunTabProps {
  /** Whether a workbook is open (on the web page: a file was chosen). */
  hasWorkbook: boolean;
  busy: boolean;
  step: StepId | null;
  summary: EvaluationSummary | null;
  /** The findings in their groups (错误, 提示, 待补) with their counts. */
  grouped: GroupedFindings | null;
  /** When 数据不完整: the unfilled inputs that matter most. */
  needed?: NeededInput[];
  /** Goes to a cell (selects it in Excel). */
  onSelect?(address: string): void;
  onRun(): void;
  onShowFindings(group: FindingGroup): void;
  onShowScores(): void;
  /** The web page's download of the result workbook. */
  onDownload?: () => void;
  onExport?: () => void;
  exporting?: boolean;
}

/** One figure of the summary: its label above it. */
function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  const css = useStyles();
  const pane = usePaneStyles();
  return (
    <div className={css.figure}>
      <Body1 className={pane.help}>{label}</Body1>
      {children}
    </div>
  );
}

export function RunTab({
  hasWorkbook,
  busy,
  step,
  summary,
  grouped,
  needed,
  onSelect,
  onRun,
  onShowFindings,
  onShowScores,
  onDownload,
  onExport,
  exporting,
}: RunTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const label: Record<StepId, string> = {
    read: s.stepRead,
    evaluate: s.stepEvaluate,
    write: s.stepWrite,
    done: s.stepDone,
  };
  const running = busy && step !== null && step !== 'done';
  const groupLabel: Record<FindingGroup, string> = { 错误: s.errors, 提示: s.warnings, 待补: s.missing };
  // What the user should do next, and only that, in the primary style.
  const next: 'open' | 'run' | 'findings' | 'download' | 'scores' = !hasWorkbook
    ? 'open'
    : !summary
      ? 'run'
      : (grouped?.counts.错误 ?? 0) > 0
        ? 'findings'
        : onDownload
          ? 'download'
          : 'scores';
  // The next step is marked for tests and assistive tech alike (data-next), and drawn as the primary button.
  const primary = (what: typeof next) => (next === what ? 'primary' : 'secondary');
  const mark = (what: typeof next) => (next === what ? { 'data-next': true } : {});
  return (
    <div className={pane.stack}>
      <Body1 className={pane.help}>{hasWorkbook ? s.runIntro : s.openWorkbookFirst}</Body1>
      <Button
        appearance={primary('run')}
        {...mark('run')}
        size="large"
        disabled={busy || !hasWorkbook}
        onClick={onRun}
      >
        {running ? s.running : s.run}
      </Button>
      {step && (
        <Field validationMessage={label[step]} validationState="none" aria-live="polite">
          <ProgressBar
            aria-label={label[step]}
            value={(STEPS.indexOf(step) + (step === 'done' ? 0 : 0.5)) / (STEPS.length - 1)}
            thickness="large"
            color={step === 'done' && summary?.complete !== false ? 'success' : 'brand'}
          />
        </Field>
      )}
      {summary && (
        <Card aria-label={s.summary} data-testid="summary">
          <CardHeader
            header={
              <Text weight="semibold">
                {[summary.unit, summary.year && `${summary.year} ${s.year}`].filter(Boolean).join(' · ') ||
                  s.appTitle}
              </Text>
            }
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
                    {n.address && onSelect ? (
                      <Link onClick={() => onSelect(n.address!)}>{n.label}</Link>
                    ) : (
                      n.label
                    )}
                    {n.address ? ` ${n.address}` : ''}（{s.pointsOf(n.points.toFixed(2))}）
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
                  {/* The grade big, its qualifier (待核实 n 分) at body size beside it, so a range stays on one line. */}
                  <Text data-testid="grade">
                    <span className={css.big}>{(summary.gradeText ?? s.notScored).split('（')[0]}</span>
                    {summary.gradeText?.includes('（') && (
                      <Text className={pane.help}>（{summary.gradeText.split('（').slice(1).join('（')}</Text>
                    )}
                  </Text>
                </Figure>
              </>
            )}
            {grouped &&
              FINDING_GROUPS.map((g) => (
                <Figure key={g} label={groupLabel[g]}>
                  <Button
                    className={css.badgeButton}
                    appearance="transparent"
                    aria-label={s.showGroup(groupLabel[g], grouped.counts[g])}
                    onClick={() => onShowFindings(g)}
                  >
                    <Badge
                      size="large"
                      color={grouped.counts[g] ? GROUP_BADGE[g] : 'success'}
                      data-testid={`count-${g}`}
                    >
                      {grouped.counts[g]}
                    </Badge>
                  </Button>
                </Figure>
              ))}
          </div>
          <Body1 data-testid="counts">{grouped?.sentence ?? summary.counts}</Body1>
        </Card>
      )}
      {summary && (
        <div className={pane.row}>
          <Button
            appearance={primary('findings')}
            {...mark('findings')}
            onClick={() => onShowFindings(FINDING_GROUPS.find((g) => grouped?.counts[g]) ?? '错误')}
          >
            {s.viewFindings}
          </Button>
          {onDownload && (
            <Button appearance={primary('download')} {...mark('download')} onClick={onDownload}>
              {s.downloadResult}
            </Button>
          )}
          <Button appearance={primary('scores')} {...mark('scores')} onClick={onShowScores}>
            {s.viewScores}
          </Button>
          {onExport && (
            <Button disabled={exporting} onClick={onExport}>
              {exporting ? s.exporting : s.exportWord}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
