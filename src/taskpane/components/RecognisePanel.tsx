/**
 * 识别 in the 数据 tab: finds the standard 部门决算 tables in the user's own workbook, shows input by
 * input where each figure was found (or that it was not, or the candidates), and on the user's
 * confirmation creates our names on their cells. Nothing is copied: the user keeps their tables.
 */
import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  MessageBar,
  MessageBarBody,
  Option,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { inputLabel } from '../../catalogue/inputs';
import type { Candidate, ImportResult, ImportSheet, Recognition } from '../../import/recognise';
import type { Binding } from '../../hosts/office/recognition';
import { usePaneStyles } from './styles';

/** Where the sheets come from and where the names go: Excel by default, a double in tests. */
export interface RecognitionHost {
  readSheets(): Promise<ImportSheet[]>;
  bind(bindings: Binding[]): Promise<string[]>;
}

const officeHost: RecognitionHost = {
  readSheets: async () => {
    const { readSheetsForImport } = await import('../../hosts/office/recognition');
    return Excel.run((ctx) => readSheetsForImport(ctx));
  },
  bind: async (b) => {
    const { bindRecognised } = await import('../../hosts/office/recognition');
    return Excel.run((ctx) => bindRecognised(ctx, b));
  },
};

const T = {
  button: '识别部门决算表',
  hint: '在本工作簿中查找公开01–09、财决表、基础数据表，把名称直接指向您表中的单元格（不复制数据）。',
  running: '正在识别……',
  none: '没有认出部门决算表：请确认工作簿中有“收入支出决算总表”“公开01表”等表名或表号。',
  tables: (n: number) => `认出 ${n} 张表`,
  counts: (f: number, a: number, m: number) => `找到 ${f} 项，不确定 ${a} 项，未找到 ${m} 项`,
  found: '找到',
  ambiguous: '不确定',
  missing: '未找到',
  choose: '选择单元格',
  confirm: (n: number) => `确认绑定 ${n} 项`,
  bound: (n: number) => `已绑定 ${n} 个名称，指向您表中的单元格。`,
  failed: '识别失败：',
  blank: '空白（未填）',
};

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  narrow: { minWidth: 0, width: '100%' },
});

const cellText = (c: Candidate) => `${c.sheet}!${c.cell}`;
const valueText = (c: Candidate) =>
  c.raw === null || c.raw === ''
    ? T.blank
    : c.converted !== undefined
      ? `${String(c.raw)} ${c.unit} → ${c.converted} 万元`
      : String(c.raw);
const BADGE: Record<Recognition['status'], 'success' | 'warning' | 'danger'> = {
  found: 'success',
  ambiguous: 'warning',
  'not-found': 'danger',
};
const STATUS: Record<Recognition['status'], string> = {
  found: T.found,
  ambiguous: T.ambiguous,
  'not-found': T.missing,
};

export interface RecognisePanelProps {
  busy?: boolean;
  /** After binding: the 数据 tab refreshes its statuses. */
  onBound?: () => void;
  host?: RecognitionHost;
}

export function RecognisePanel({ busy, onBound, host = officeHost }: RecognisePanelProps) {
  const css = useStyles();
  const pane = usePaneStyles();
  const [working, setWorking] = React.useState(false);
  const [result, setResult] = React.useState<ImportResult | null>(null);
  const [accepted, setAccepted] = React.useState<Record<string, boolean>>({});
  const [chosen, setChosen] = React.useState<Record<string, Candidate>>({});
  const [message, setMessage] = React.useState<{
    intent: 'success' | 'error' | 'warning';
    text: string;
  } | null>(null);
  const [mod, setMod] = React.useState<typeof import('../../import/report') | null>(null);

  const run = async () => {
    setWorking(true);
    setMessage(null);
    try {
      const [{ recognise }, report] = await Promise.all([
        import('../../import/recognise'),
        import('../../import/report'),
      ]);
      const r = recognise(await host.readSheets());
      setMod(report);
      setResult(r);
      setChosen({});
      setAccepted(
        Object.fromEntries(r.inputs.filter((x) => x.status === 'found').map((x) => [x.name, true]))
      );
      if (r.tables.length === 0) setMessage({ intent: 'warning', text: T.none });
    } catch (e) {
      setMessage({ intent: 'error', text: `${T.failed}${(e as Error).message}` });
    } finally {
      setWorking(false);
    }
  };

  const plan =
    result && mod
      ? mod.officeBindings(
          { ...result, inputs: result.inputs.filter((x) => accepted[x.name] || chosen[x.name]) },
          chosen
        )
      : null;

  const confirm = async () => {
    if (!plan) return;
    setWorking(true);
    try {
      const bound = await host.bind(plan.bindings);
      setMessage({
        intent: 'success',
        text: [T.bound(bound.length), ...plan.skipped.map((s) => `${inputLabel(s.name)}：${s.reason}`)].join(
          '\n'
        ),
      });
      onBound?.();
    } catch (e) {
      setMessage({ intent: 'error', text: `${T.failed}${(e as Error).message}` });
    } finally {
      setWorking(false);
    }
  };

  const relevant = (result?.inputs ?? []).filter((r) => r.status !== 'not-found' || r.searched.length > 0);
  const n = (s: Recognition['status']) => relevant.filter((r) => r.status === s).length;

  return (
    <section aria-label="识别部门决算表">
      <Button disabled={busy || working} onClick={run}>
        {working && !result ? T.running : T.button}
      </Button>
      <Caption1 className={css.muted} block>
        {T.hint}
      </Caption1>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {result && result.tables.length > 0 && (
        <>
          <Text weight="semibold" block>
            {T.tables(result.tables.length)}：
            {result.tables.map((t) => `${t.table}（${t.parts.map((p) => p.sheet).join('、')}）`).join('；')}
          </Text>
          <Text block aria-live="polite">
            {T.counts(n('found'), n('ambiguous'), n('not-found'))}
          </Text>
          <ul className={css.list} aria-label="识别结果">
            {relevant.map((r) => {
              const label = inputLabel(r.name);
              return (
                <li key={r.name} className={pane.inputItem} data-input={r.name}>
                  <div>
                    <Badge appearance="filled" color={BADGE[r.status]}>
                      {STATUS[r.status]}
                    </Badge>{' '}
                    {r.status === 'found' ? (
                      <Checkbox
                        checked={accepted[r.name] ?? false}
                        onChange={(_, d) => setAccepted((a) => ({ ...a, [r.name]: d.checked === true }))}
                        label={label}
                      />
                    ) : (
                      <Text weight="semibold">{label}</Text>
                    )}
                  </div>
                  {r.status === 'found' && (
                    <Caption1 className={css.muted}>
                      {cellText(r)} · {r.table}“{r.label}” · {valueText(r)}
                    </Caption1>
                  )}
                  {r.status === 'ambiguous' && (
                    <Dropdown
                      className={css.narrow}
                      aria-label={`${T.choose}：${label}`}
                      placeholder={T.choose}
                      value={chosen[r.name] ? `${cellText(chosen[r.name])} ${valueText(chosen[r.name])}` : ''}
                      onOptionSelect={(_, d) => {
                        const c = r.candidates[Number(d.optionValue)];
                        if (c) setChosen((x) => ({ ...x, [r.name]: c }));
                      }}
                    >
                      {r.candidates.map((c, i) => (
                        <Option key={i} value={String(i)} text={`${cellText(c)} ${valueText(c)}`}>
                          {`${cellText(c)}“${c.label}” ${valueText(c)}`}
                        </Option>
                      ))}
                    </Dropdown>
                  )}
                  {r.status === 'not-found' && (
                    <Caption1 className={css.muted}>{r.searched.join('、')}中没有这一行或这一栏</Caption1>
                  )}
                </li>
              );
            })}
          </ul>
          {mod && (
            <Caption1
              className={css.muted}
              block
              data-input="项目支出明细表"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {[
                ...mod.projectLines(result.projects),
                ...(plan?.skipped ?? []).filter((x) => x.name === '项目支出明细表').map((x) => x.reason),
                ...result.functionLines.flatMap((f) => [
                  ...mod.functionLineLines(f),
                  ...(plan?.skipped ?? []).filter((x) => x.name === f.name).map((x) => `    ${x.reason}`),
                ]),
              ].join('\n')}
            </Caption1>
          )}
          <Button
            appearance="primary"
            disabled={busy || working || !plan || plan.bindings.length === 0}
            onClick={confirm}
          >
            {T.confirm(plan?.bindings.length ?? 0)}
          </Button>
        </>
      )}
    </section>
  );
}
