/**
 * 核对报告: the numbers of a department's own report text (a .docx or .txt opened here, or text pasted),
 * checked by the claims engine (src/core/claims) and shown as cards like the 问题 tab's: 不成立 first and
 * open, 无法核实 and 成立 folded with their counts. Each card: what is wrong, the sentence quoted, what the
 * text states and the arithmetic, where it is. With a workbook open, its figures are compared with the
 * workbook's named cells too (a card then links to the cell). The engine and the readers load on demand.
 */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  BadgeProps,
  Body1,
  Button,
  Card,
  Field,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { SourceDocument } from '../../core/claims/document';
import type { Claim, ReportCheck } from '../../core/claims/engine';
import type { CheckOutcome } from '../../core/results';
import type { RawReading } from '../../core/types';
import { describeError } from '../pipeline';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';

/** What the tab shows; held by the App so it survives a switch to another tab. */
export interface ReportCheckState {
  text: string;
  result: {
    /** Distinct for every check (a new result starts with its own folding). */
    id: number;
    name: string;
    check: ReportCheck;
    againstWorkbook: boolean;
    withWorkbook: boolean;
  } | null;
}

export const EMPTY_REPORT_CHECK: ReportCheckState = { text: '', result: null };

const loadRun = () => import(/* webpackChunkName: "report-check" */ '../reportCheckRun');
type Run = Awaited<ReturnType<typeof loadRun>>;
let checks = 0;

const VERDICTS: CheckOutcome[] = ['不成立', '无法核实', '成立'];
const BADGE: Record<CheckOutcome, NonNullable<BadgeProps['color']>> = {
  不成立: 'danger',
  无法核实: 'warning',
  成立: 'success',
};
/** Cards drawn per group: a long report has hundreds of 成立; the rest are counted, not drawn. */
const SHOWN = 200;

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  不成立: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  无法核实: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  成立: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteGreenBorder2}` },
  title: { margin: 0, overflowWrap: 'anywhere' },
  quote: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  clamp2: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  figures: { fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  foot: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  push: { marginLeft: 'auto' },
  groupHeader: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

function ClaimCard({ c, live, onSelect }: { c: Claim; live: boolean; onSelect(address: string): void }) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [open, setOpen] = React.useState(false);
  // The workbook's cells the claim was compared with (a text figure's operand has no name).
  const cells = (c.finding?.operands ?? []).filter((o) => o.name && o.address);
  const arithmetic =
    c.verdict === '无法核实' ? c.computed : c.computed && `${s.claimComputed}：${c.computed}`;
  return (
    <Card className={mergeClasses(css.card, css[c.verdict])} data-claim={c.id}>
      <Text as="h4" weight="semibold" block className={css.title}>
        {c.title}
      </Text>
      <blockquote className={mergeClasses(css.quote, !open && css.clamp2)}>
        <Body1>{c.text}</Body1>
      </blockquote>
      {c.stated && c.verdict !== '成立' && (
        <Body1 className={css.figures}>
          {s.claimStated}：{c.stated}
        </Body1>
      )}
      {arithmetic && (
        <Body1 className={css.figures} data-testid="arithmetic">
          {arithmetic}
        </Body1>
      )}
      {open && (
        <dl className={pane.help} style={{ margin: 0 }}>
          <dd style={{ margin: 0 }}>
            {s.claimRule}：{c.statement}
          </dd>
          {c.finding?.toleranceBasis && <dd style={{ margin: 0 }}>{c.finding.toleranceBasis}</dd>}
          {c.finding?.nextStep && (
            <dd style={{ margin: 0 }}>
              {s.suggestion}：{c.finding.nextStep}
            </dd>
          )}
        </dl>
      )}
      <div className={css.foot}>
        <Text className={pane.help}>
          {c.kind} · {c.where}
        </Text>
        {cells.map((o) => (
          <Button
            key={`${o.name}@${o.address}`}
            size="small"
            appearance="subtle"
            title={o.label}
            disabled={!live}
            onClick={() => onSelect(o.address!)}
          >
            {o.address}
          </Button>
        ))}
        <Button
          className={css.push}
          size="small"
          appearance="subtle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? s.less : s.details}
        </Button>
      </div>
    </Card>
  );
}

function Results({
  result,
  live,
  onSelect,
}: {
  result: NonNullable<ReportCheckState['result']>;
  live: boolean;
  onSelect(address: string): void;
}) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const { check } = result;
  const by = (v: CheckOutcome) => check.claims.filter((c) => c.verdict === v);
  const first = VERDICTS.find((v) => by(v).length > 0);
  const [open, setOpen] = React.useState<CheckOutcome[]>(first ? [first] : []);
  const labels: Record<CheckOutcome, string> = {
    不成立: s.claimFails,
    无法核实: s.claimUnverifiable,
    成立: s.claimHolds,
  };
  const intros: Record<CheckOutcome, string> = {
    不成立: s.claimFailsIntro,
    无法核实: s.claimUnverifiableIntro,
    成立: s.claimHoldsIntro,
  };
  const sum = check.summary;
  return (
    <div className={pane.stack}>
      <Body1 data-testid="claims-summary">
        {s.claimsHeader(result.name, sum.claims, sum.fails, sum.unverifiable, sum.holds)}
        {result.againstWorkbook
          ? s.claimsAgainstWorkbook
          : result.withWorkbook
            ? s.claimsNoWorkbookNames
            : ''}
      </Body1>
      {sum.claims === 0 && <Body1>{s.noClaims}</Body1>}
      {sum.claims > 0 && sum.fails === 0 && <Body1 data-testid="no-fails">{s.noFails}</Body1>}
      <Accordion
        multiple
        collapsible
        openItems={open}
        onToggle={(_, d) => setOpen(d.openItems as CheckOutcome[])}
      >
        {VERDICTS.map((v) => {
          const items = by(v);
          if (items.length === 0) return null;
          return (
            <AccordionItem key={v} value={v}>
              <section aria-label={labels[v]}>
                <AccordionHeader as="h3" size="large">
                  <span className={css.groupHeader}>
                    {labels[v]}
                    <Badge color={BADGE[v]} data-testid={`claims-count-${v}`}>
                      {items.length}
                    </Badge>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <Body1 block className={pane.help}>
                    {intros[v]}
                  </Body1>
                  <ul className={pane.cardList}>
                    {items.slice(0, SHOWN).map((c) => (
                      <li key={c.id}>
                        <ClaimCard c={c} live={live} onSelect={onSelect} />
                      </li>
                    ))}
                  </ul>
                  {items.length > SHOWN && (
                    <Body1 block className={pane.help}>
                      {s.moreClaims(items.length - SHOWN)}
                    </Body1>
                  )}
                </AccordionPanel>
              </section>
            </AccordionItem>
          );
        })}
      </Accordion>
    </div>
  );
}

export interface ReportCheckTabProps {
  state: ReportCheckState;
  onState: React.Dispatch<React.SetStateAction<ReportCheckState>>;
  /** The open workbook's reading (the pane's workbook, the web page's file); absent when none is open. */
  readWorkbook?: () => Promise<RawReading>;
  live: boolean;
  onSelect(address: string): void;
}

/** Lets React paint the spinner before a long synchronous check. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function ReportCheckTab({ state, onState, readWorkbook, live, onSelect }: ReportCheckTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const check = async (name: string, source: (run: Run) => Promise<SourceDocument> | SourceDocument) => {
    setBusy(true);
    setError(null);
    try {
      const [run, reading] = await Promise.all([loadRun(), readWorkbook ? readWorkbook() : null]);
      const blocks = await source(run);
      await paint();
      const { check, againstWorkbook } = run.runReportCheck(blocks, reading);
      const result = { id: ++checks, name, check, againstWorkbook, withWorkbook: !!reading };
      onState((st) => ({ ...st, result }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const openFile = (file: File) =>
    check(file.name, async (run) => run.fileSource(file.name, new Uint8Array(await file.arrayBuffer())));

  return (
    <div className={pane.stack}>
      <Body1 className={pane.help}>
        {s.claimsIntro}
        {readWorkbook ? s.claimsWithWorkbook : s.claimsWithoutWorkbook}
      </Body1>
      <div className={pane.row}>
        <input
          ref={input}
          className={css.hidden}
          type="file"
          accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
          aria-label={s.openReport}
          data-testid="report-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(f);
            e.target.value = '';
          }}
        />
        <Button
          appearance={state.text.trim() ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {s.openReport}
        </Button>
        {busy && <Spinner size="tiny" label={s.checking} />}
      </div>
      <Field label={s.pasteLabel}>
        <Textarea
          value={state.text}
          rows={4}
          resize="vertical"
          onChange={(_, d) => onState((st) => ({ ...st, text: d.value }))}
        />
      </Field>
      <div className={pane.row}>
        <Button
          appearance={state.text.trim() ? 'primary' : 'secondary'}
          disabled={busy || !state.text.trim()}
          onClick={() => void check(s.pasted, (run) => run.pastedSource(state.text))}
        >
          {s.checkPasted}
        </Button>
      </div>
      {error && (
        <Body1 role="alert" className={pane.danger}>
          {error}
        </Body1>
      )}
      {state.result && (
        <Results key={state.result.id} result={state.result} live={live} onSelect={onSelect} />
      )}
    </div>
  );
}
