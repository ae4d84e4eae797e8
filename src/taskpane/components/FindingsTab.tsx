/**
 * 问题: findings grouped by severity, as cards a person scans: the problem in a line, a small
 * 应为 / 实为 / 差额 table, the cells (links in Excel; on the web page, which cannot select, the cell
 * named and shown in a read-only preview of its sheet),
 * 建议 once, and the technical detail (rule, tolerance, consequences) behind 详情.
 */
import * as React from 'react';
import {
  Badge,
  Body1,
  Button,
  Card,
  Field,
  makeStyles,
  mergeClasses,
  Subtitle2,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { foldedUnder } from '../../core/findingTree';
import { cardParts, figures } from '../../core/render/finding';
import { countFindings, countsText } from '../../core/summary';
import { firstCell, problemWords } from '../../core/sheets/findingWords';
import type { Finding, Operand } from '../../core/results';
import type { Diagnostic, Severity } from '../../core/types';
import type { CellPreview } from '../preview';
import { useStrings } from '../strings';
import { SheetPreview } from './SheetPreview';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  error: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  figures: {
    borderCollapse: 'collapse',
    width: '100%',
    fontVariantNumeric: 'tabular-nums',
    '& th': {
      fontWeight: tokens.fontWeightRegular,
      color: tokens.colorNeutralForeground2,
      textAlign: 'right',
      padding: '0 4px',
    },
    '& td': { textAlign: 'right', padding: '0 4px', whiteSpace: 'nowrap' },
  },
  cells: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  named: { fontWeight: tokens.fontWeightSemibold },
});

export interface FindingsTabProps {
  findings: Finding[] | null;
  diagnostics: Diagnostic[];
  live: boolean;
  busy: boolean;
  /** The group to bring into view (a badge on 一键生成 was clicked). */
  focus?: Severity | null;
  onSelect(address: string): void;
  /** Where the workbook cannot select (the web page): the read-only cells around an address. */
  onPreview?(address: string): Promise<CellPreview | null>;
  /** Resolves to whether the explanation was saved (the editor stays open, text kept, when not). */
  onExplain(finding: Finding, text: string): Promise<boolean>;
  onClearMarks(): void;
}

/** The cell clicking a finding goes to: the one to check first. */
export function findingAddress(f: Finding): string | undefined {
  return firstCell(f)?.address;
}

/** 应为 / 实为 / 差额 (上限 / 实为 / 超出 for an upper bound), formatted as the cells show them, with units. */
export function FigureTable({ f }: { f: Finding }) {
  const s = useStrings();
  const css = useStyles();
  if (!f.expected || !f.computed) return null;
  // The figures from the one renderer: each in its unit, no 差额 beside a sign error, and a sum over a partly
  // entered side under its own label (已填各项之和), never 应为.
  const figs = figures(f);
  const head = (
    f.kind === 'exceeds' ? [s.upperBound, s.actual, s.excess] : [s.expected, s.actual, s.difference]
  ).slice(0, figs.length);
  if (f.partial === 'expected') head[0] = figs[0].label;
  if (f.partial === 'computed') head[1] = figs[1].label;
  return (
    <table className={css.figures} data-testid="figures">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {figs.map((x) => (
            <td key={x.label}>{x.text}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function CellLinks({
  cells,
  live,
  onSelect,
  onPreview,
}: {
  cells: Operand[];
  live: boolean;
  onSelect(address: string): void;
  onPreview?(address: string): Promise<CellPreview | null>;
}) {
  const s = useStrings();
  const css = useStyles();
  const [named, setNamed] = React.useState<Operand | null>(null);
  const [preview, setPreview] = React.useState<CellPreview | null>(null);
  if (cells.length === 0) return null;
  // Excel selects the cell; the web page names it and shows the cells around it, read-only.
  const show = (o: Operand) => {
    setNamed(o);
    setPreview(null);
    onPreview?.(o.address!).then(setPreview, () => setPreview(null));
  };
  return (
    <>
      <div className={css.cells}>
        <Text>{s.cells}：</Text>
        {cells.map((o) => (
          <Button
            key={`${o.name}@${o.address}`}
            size="small"
            appearance="subtle"
            title={o.label}
            aria-pressed={live ? undefined : named?.address === o.address}
            onClick={() => (live ? onSelect(o.address!) : show(o))}
          >
            {o.address}
          </Button>
        ))}
      </div>
      {!live && named && (
        <Body1 role="status" className={css.named}>
          {s.cellNamed(`${named.address} ${named.label}`)}
        </Body1>
      )}
      {!live && preview && <SheetPreview preview={preview} />}
    </>
  );
}

function FindingCard({
  f,
  live,
  busy,
  onSelect,
  onPreview,
  onExplain,
}: { f: Finding } & Omit<FindingsTabProps, 'findings' | 'diagnostics' | 'onClearMarks'>) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [editing, setEditing] = React.useState(false);
  const [open, setOpen] = React.useState(false);
  const [text, setText] = React.useState(f.explanation ?? '');
  const first = firstCell(f);
  const cells = [first, ...f.operands.filter((o) => o.address && o.address !== first?.address)].filter(
    (o): o is Operand => !!o?.address
  );
  const words = problemWords(f);
  const parts = cardParts(f);
  const folded = foldedUnder(f);
  return (
    <Card
      className={mergeClasses(css.card, f.severity === '错误' ? css.error : css.warning)}
      data-finding={f.id}
    >
      <Text as="h4" weight="semibold" block style={{ margin: 0 }}>
        {parts.title}
      </Text>
      {words !== f.title && <Body1 className={pane.wrap}>{words.slice(f.title.length + 1)}</Body1>}
      <FigureTable f={f} />
      <CellLinks
        cells={open ? cells : cells.slice(0, 3)}
        live={live}
        onSelect={onSelect}
        onPreview={onPreview}
      />
      <Body1 className={pane.wrap}>
        <Text weight="semibold">{s.suggestion}：</Text>
        {parts.nextStep}
      </Body1>
      {f.explanation && !editing && (
        <Body1 className={pane.wrap}>
          {s.explanation}：{f.explanation}
        </Body1>
      )}
      {open && (
        <dl className={pane.help} data-testid="technical" style={{ margin: 0 }}>
          {parts.details.map((d) => (
            <dd key={d} style={{ margin: 0 }}>
              {d}
            </dd>
          ))}
          <dd style={{ margin: 0 }}>
            {s.rule}：{f.id}
          </dd>
          {folded.length > 0 && (
            <dd style={{ margin: 0 }}>
              {s.consequences(folded.length)}：{folded.map((c) => c.title).join('；')}
            </dd>
          )}
        </dl>
      )}
      {editing ? (
        <div className={pane.stack}>
          <Field label={s.explanation}>
            <Textarea
              value={text}
              placeholder={s.explanationPlaceholder}
              onChange={(_, d) => setText(d.value)}
              resize="vertical"
            />
          </Field>
          <div className={pane.row}>
            <Button
              appearance="primary"
              size="small"
              disabled={busy || !text.trim()}
              onClick={() => void onExplain(f, text.trim()).then((saved) => saved && setEditing(false))}
            >
              {s.saveExplanation}
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              {s.dismiss}
            </Button>
          </div>
        </div>
      ) : (
        <div className={pane.row}>
          <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? s.less : s.details}
          </Button>
          {f.severity === '提示' && (
            <Button size="small" onClick={() => setEditing(true)} disabled={busy}>
              {s.explain}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

export function FindingsTab(props: FindingsTabProps) {
  const { findings, live, busy, focus, onClearMarks } = props;
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const sections = React.useRef<Partial<Record<Severity, HTMLElement | null>>>({});
  React.useEffect(() => {
    const el = focus ? sections.current[focus] : null;
    if (el) {
      el.scrollIntoView?.({ block: 'start' });
      el.focus();
    }
  }, [focus, findings]);
  if (!findings) return <Body1>{s.runFirst}</Body1>;
  const counts = countFindings(findings);
  const groups: Array<[Severity, string, 'danger' | 'warning']> = [
    ['错误', s.errors, 'danger'],
    ['提示', s.warnings, 'warning'],
  ];
  return (
    <div className={pane.stack}>
      {findings.length === 0 ? (
        <Body1>{s.noFindings}</Body1>
      ) : (
        <Body1 className={pane.help}>{s.findingsHeader(countsText(counts))}</Body1>
      )}
      {groups.map(([sev, label, color]) => {
        const items = findings.filter((f) => f.severity === sev);
        const count = sev === '错误' ? counts.errors : counts.warnings;
        if (items.length === 0) return null;
        return (
          <section
            key={sev}
            aria-label={label}
            className={pane.stack}
            tabIndex={-1}
            ref={(el) => void (sections.current[sev] = el)}
          >
            <div className={pane.row}>
              <Subtitle2 as="h3">{label}</Subtitle2>
              <Badge color={color}>{count}</Badge>
            </div>
            <ul className={css.list}>
              {items.map((f) => (
                <li key={f.id}>
                  <FindingCard f={f} {...props} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {live && (
        <div className={pane.row}>
          <Button disabled={busy} onClick={onClearMarks}>
            {s.clearMarks}
          </Button>
        </div>
      )}
    </div>
  );
}
