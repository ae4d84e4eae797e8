/** 问题: findings grouped by severity; click one to go to its cells; explain a 提示; clear the marks. */
import * as React from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  makeStyles,
  mergeClasses,
  Subtitle2,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { cardParts } from '../../core/render/finding';
import { countFindings, countsText } from '../../core/summary';
import type { Finding } from '../../core/results';
import type { Diagnostic, Severity } from '../../core/types';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  error: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  title: { justifyContent: 'flex-start', textAlign: 'left', paddingLeft: 0, paddingRight: 0, minWidth: 0, height: 'auto' },
  operands: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  clamped: { display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export interface FindingsTabProps {
  findings: Finding[] | null;
  diagnostics: Diagnostic[];
  live: boolean;
  busy: boolean;
  onSelect(address: string): void;
  /** Resolves to whether the explanation was saved (the editor stays open, text kept, when not). */
  onExplain(finding: Finding, text: string): Promise<boolean>;
  onClearMarks(): void;
}

/** The first cell a finding is about: where clicking the finding takes the user. */
export function findingAddress(f: Finding): string | undefined {
  return f.operands.find((o) => o.address)?.address;
}

function FindingCard({ f, live, busy, onSelect, onExplain }: { f: Finding } & Omit<FindingsTabProps, 'findings' | 'diagnostics' | 'onClearMarks'>) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [editing, setEditing] = React.useState(false);
  const [open, setOpen] = React.useState(false);
  const [text, setText] = React.useState(f.explanation ?? '');
  const target = findingAddress(f);
  const cells = f.operands.filter((o) => o.address);
  const parts = cardParts(f);
  const point = parts.figures.length ? parts.figures.map((x) => `${x.label} ${x.text}`).join('，') : parts.summary ?? '';
  return (
    <Card className={mergeClasses(css.card, f.severity === '错误' ? css.error : css.warning)} data-finding={f.id}>
      <Button
        appearance="transparent"
        className={css.title}
        disabled={!target}
        onClick={() => target && onSelect(target)}
        title={target ? `${s.locate} ${target}` : undefined}
      >
        <Text weight="semibold" align="start">
          {parts.title}
        </Text>
      </Button>
      {target && <Caption1 className={pane.mono}>{target}</Caption1>}
      {point && <Body1 className={open ? pane.wrap : mergeClasses(pane.wrap, css.clamped)}>{point}</Body1>}
      {open && parts.details.map((d) => (
        <Caption1 key={d} className={pane.wrap}>
          {d}
        </Caption1>
      ))}
      {open && live && cells.length > 0 && (
        <div className={css.operands} aria-label={s.locate}>
          {cells.map((o) => (
            <Button key={`${o.name}@${o.address}`} size="small" appearance="subtle" onClick={() => onSelect(o.address!)}>
              {o.label} · {o.address}
            </Button>
          ))}
        </div>
      )}
      {open && parts.nextStep && (
        <Caption1 className={pane.muted}>
          {s.nextStep}：{parts.nextStep}
        </Caption1>
      )}
      {f.consequences && f.consequences.length > 0 && (
        <Caption1 className={pane.muted}>
          {s.consequences(f.consequences.length)}
          {open ? `：${f.consequences.map((c) => c.title).join('；')}` : ''}
        </Caption1>
      )}
      {f.explanation && !editing && (
        <Caption1>
          {s.explanation}：{f.explanation}
        </Caption1>
      )}
      {editing ? (
        <div className={pane.stack}>
          <Field label={s.explanation}>
            <Textarea value={text} placeholder={s.explanationPlaceholder} onChange={(_, d) => setText(d.value)} resize="vertical" />
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
  const { findings, live, busy, onClearMarks } = props;
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  if (!findings) return <Body1>{s.runFirst}</Body1>;
  const counts = countFindings(findings);
  const groups: Array<[Severity, string, 'danger' | 'warning']> = [
    ['错误', s.errors, 'danger'],
    ['提示', s.warnings, 'warning'],
  ];
  return (
    <div className={pane.stack}>
      {live && (
        <div className={pane.row}>
          <Button disabled={busy} onClick={onClearMarks}>
            {s.clearMarks}
          </Button>
        </div>
      )}
      {findings.length === 0 ? (
        <Body1>{s.noFindings}</Body1>
      ) : (
        <Caption1 className={pane.muted}>
          {s.findingsHeader(countsText(counts))}
        </Caption1>
      )}
      {groups.map(([sev, label, color]) => {
        const items = findings.filter((f) => f.severity === sev);
        const count = sev === '错误' ? counts.errors : counts.warnings;
        if (items.length === 0) return null;
        return (
          <section key={sev} aria-label={label} className={pane.stack}>
            <div className={pane.row}>
              <Subtitle2>{label}</Subtitle2>
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
    </div>
  );
}
