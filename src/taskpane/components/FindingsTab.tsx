/**
 * 问题: findings in three groups that fold (错误 first and open; 提示 and 待补 folded, with their counts),
 * "下一个错误" to step through the errors and select each one's cell, and cards a person scans in about
 * six lines at 350 px: the problem, a small 应为 / 实为 / 差额 table, 建议 in a line, the cell to check
 * first (a link in Excel; on the web page, which cannot select, the cell named and shown in a read-only
 * preview of its sheet). The whole 建议, every cell and the technical detail (rule, tolerance,
 * consequences) are behind 详情.
 */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Card,
  Field,
  makeStyles,
  mergeClasses,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { FindingGroup, GroupedFindings } from '../../core/findingGroups';
import { FINDING_GROUPS } from '../../core/findingGroups';
import { foldedUnder } from '../../core/findingTree';
import { cardParts, figures } from '../../core/render/finding';
import { firstCell } from '../../core/sheets/findingWords';
import type { Finding, Operand } from '../../core/results';
import type { Diagnostic } from '../../core/types';
import type { CellPreview } from '../preview';
import { useStrings } from '../strings';
import { SheetPreview } from './SheetPreview';
import { GROUP_BADGE, usePaneStyles } from './styles';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  错误: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  提示: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  待补: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}` },
  /** The card "下一个错误" reached. */
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  /** Folded cards keep to a few lines: the title in two, a summary in two, 建议 in one. */
  clamp2: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  clamp1: {
    display: '-webkit-box',
    WebkitLineClamp: 1,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  /** Counts and "下一个错误" stay in reach while the list scrolls. */
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  groupHeader: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
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
  named: { fontWeight: tokens.fontWeightSemibold },
  /** The card's own buttons, at the row's end. */
  push: { marginLeft: 'auto', display: 'flex', columnGap: tokens.spacingHorizontalXS },
});

export interface FindingsTabProps {
  /** The run's findings in their groups, with the counts; null before a run. */
  grouped: GroupedFindings | null;
  diagnostics: Diagnostic[];
  live: boolean;
  busy: boolean;
  /** The group to bring into view (a badge on 一键生成 was clicked). */
  focus?: FindingGroup | null;
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

/**
 * The cells a card links to (in Excel a click selects the cell; on the web page it names the cell and
 * previews its sheet), on one row with the card's own buttons.
 */
function CellLinks({
  label,
  cells,
  live,
  onSelect,
  onPreview,
  children,
}: {
  label: string;
  cells: Operand[];
  live: boolean;
  onSelect(address: string): void;
  onPreview?(address: string): Promise<CellPreview | null>;
  children?: React.ReactNode;
}) {
  const s = useStrings();
  const css = useStyles();
  const [named, setNamed] = React.useState<Operand | null>(null);
  const [preview, setPreview] = React.useState<CellPreview | null>(null);
  // Excel selects the cell; the web page names it and shows the cells around it, read-only.
  const show = (o: Operand) => {
    setNamed(o);
    setPreview(null);
    onPreview?.(o.address!).then(setPreview, () => setPreview(null));
  };
  return (
    <>
      <div className={css.cells}>
        {cells.length > 0 && <Text>{label}：</Text>}
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
        <span className={css.push}>{children}</span>
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

interface CardProps extends Pick<FindingsTabProps, 'live' | 'busy' | 'onSelect' | 'onPreview' | 'onExplain'> {
  f: Finding;
  group: FindingGroup;
  /** The card "下一个错误" is on. */
  current: boolean;
  cardRef?: (el: HTMLElement | null) => void;
}

function FindingCard({ f, group, current, cardRef, live, busy, onSelect, onPreview, onExplain }: CardProps) {
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
  const parts = cardParts(f);
  const folded = foldedUnder(f);
  const clamp = (lines: 1 | 2, always?: string) =>
    mergeClasses(always, !open && (lines === 1 ? css.clamp1 : css.clamp2));
  return (
    <Card
      ref={cardRef}
      className={mergeClasses(css.card, css[group], current && css.current)}
      data-finding={f.id}
      aria-current={current || undefined}
      tabIndex={-1}
    >
      <Text as="h4" weight="semibold" block className={clamp(2, css.title)}>
        {parts.title}
      </Text>
      {/* The point in words leads where there are no figures; beside figures it is detail. */}
      {parts.summary && (open || parts.figures.length === 0) && (
        <Body1 className={clamp(2, pane.wrap)}>{parts.summary}</Body1>
      )}
      <FigureTable f={f} />
      <Body1 className={clamp(1, pane.wrap)} data-testid="suggestion">
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
        <CellLinks
          label={open ? s.cells : group === '待补' ? s.fillFirst : s.checkFirst}
          cells={open ? cells : cells.slice(0, 1)}
          live={live}
          onSelect={onSelect}
          onPreview={onPreview}
        >
          <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? s.less : s.details}
          </Button>
          {group === '提示' && (
            <Button size="small" onClick={() => setEditing(true)} disabled={busy}>
              {s.explain}
            </Button>
          )}
        </CellLinks>
      )}
    </Card>
  );
}

export function FindingsTab(props: FindingsTabProps) {
  const { grouped, live, busy, focus, onSelect, onClearMarks } = props;
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const sections = React.useRef<Partial<Record<FindingGroup, HTMLElement | null>>>({});
  const cards = React.useRef(new Map<string, HTMLElement>());
  // The groups the user opened; until they choose, the first group with findings (错误 when there are any).
  const [chosen, setChosen] = React.useState<FindingGroup[] | null>(null);
  // Where "下一个错误" is: an index into the errors, -1 before the first press.
  const [cursor, setCursor] = React.useState(-1);
  const errors = grouped?.roots.错误 ?? [];
  const first = FINDING_GROUPS.find((g) => (grouped?.roots[g].length ?? 0) > 0);
  const open = chosen ?? (first ? [first] : []);
  const opening = (g: FindingGroup) => setChosen((o) => ((o ?? open).includes(g) ? o : [...(o ?? open), g]));

  // New findings (a re-check after an edit) start the round of errors again.
  React.useEffect(() => setCursor(-1), [grouped]);
  React.useEffect(() => {
    if (!focus) return;
    opening(focus);
    const el = sections.current[focus];
    if (el) {
      el.scrollIntoView?.({ block: 'start' });
      el.focus();
    }
    // Only a new focus request (or new findings) moves the view, not the user's folding.
  }, [focus, grouped]);
  const currentId = cursor >= 0 ? errors[cursor]?.id : undefined;
  // The card to bring into view once it is in the page (a folded group mounts its cards a render later).
  const pendingFocus = React.useRef<string | undefined>(undefined);
  const reach = (el: HTMLElement) => {
    pendingFocus.current = undefined;
    // Centred, so the sticky bar above does not cover it.
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
  };
  React.useEffect(() => {
    const el = currentId ? cards.current.get(currentId) : undefined;
    if (el) reach(el);
    else pendingFocus.current = currentId;
  }, [currentId, cursor]);
  const cardRef = (id: string) => (el: HTMLElement | null) => {
    if (!el) return void cards.current.delete(id);
    cards.current.set(id, el);
    if (pendingFocus.current === id) reach(el);
  };

  if (!grouped) return <Body1>{s.runFirst}</Body1>;
  const nextError = () => {
    const i = (cursor + 1) % errors.length;
    setCursor(i);
    opening('错误');
    const address = findingAddress(errors[i]);
    // The same path as a click on the card's cell: Excel selects it (the web page cannot).
    if (address) onSelect(address);
  };
  const labels: Record<FindingGroup, string> = { 错误: s.errors, 提示: s.warnings, 待补: s.missing };
  const intros: Record<FindingGroup, string> = {
    错误: s.errorsIntro,
    提示: s.warningsIntro,
    待补: s.missingIntro,
  };
  const any = FINDING_GROUPS.some((g) => grouped.roots[g].length > 0);
  return (
    <div className={pane.stack}>
      <div className={mergeClasses(pane.stack, css.bar)}>
        {any ? (
          <Body1 className={pane.help} data-testid="findings-counts">
            {s.findingsHeader(grouped.sentence, grouped.folded)}
          </Body1>
        ) : (
          <Body1>{s.noFindings}</Body1>
        )}
        {errors.length > 0 && (
          <div className={pane.row}>
            <Button appearance="primary" size="small" onClick={nextError}>
              {s.nextError}
            </Button>
            <Text className={pane.help} aria-live="polite" data-testid="error-position">
              {cursor >= 0 ? s.errorPosition(cursor + 1, errors.length) : ''}
            </Text>
          </div>
        )}
      </div>
      <Accordion
        multiple
        collapsible
        openItems={open}
        onToggle={(_, d) => setChosen(d.openItems as FindingGroup[])}
      >
        {FINDING_GROUPS.map((g) => {
          const items = grouped.roots[g];
          if (items.length === 0) return null;
          return (
            <AccordionItem key={g} value={g}>
              <section aria-label={labels[g]} tabIndex={-1} ref={(el) => void (sections.current[g] = el)}>
                <AccordionHeader as="h3" size="large">
                  <span className={css.groupHeader}>
                    {labels[g]}
                    <Badge color={GROUP_BADGE[g]} data-testid={`count-${g}`}>
                      {grouped.counts[g]}
                    </Badge>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <Body1 block className={pane.help}>
                    {intros[g]}
                  </Body1>
                  <ul className={pane.cardList}>
                    {items.map((f) => (
                      <li key={f.id}>
                        <FindingCard
                          {...props}
                          f={f}
                          group={g}
                          current={f.id === currentId}
                          cardRef={cardRef(f.id)}
                        />
                      </li>
                    ))}
                  </ul>
                </AccordionPanel>
              </section>
            </AccordionItem>
          );
        })}
      </Accordion>
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
