/**
 * The task pane: 数据 / 一键生成 / 问题 / 报告 over a {@link WorkbookPort}. The same component runs
 * in Excel (office port), in the web page (file port) and in tests (a fake port).
 */
import * as React from 'react';
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Theme,
  ToggleButton,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { buildModel } from '../../core/model';
import type { Finding, ScoreSheet } from '../../core/results';
import { FindingGroup, groupFindings } from '../../core/findingGroups';
import type { DraftInput, ReportDraft } from '../../core/narrative';
import type { Plan } from '../../core/types';
import { cannotDownload, copyReportForMac, downloadBytes, DOCX_MIME, safeFileName } from '../download';
import { InputStatus, inputStatuses } from '../inputStatus';
import { missingInputs } from '../missing';
import { describeError, Engine, loadEngine, recheck, runAll, RunOutcome, StepId } from '../pipeline';
import type { WorkbookPort } from '../port';
import { EN, Strings, StringsContext, ZH } from '../strings';
import { DataTab } from './DataTab';
import { FindingsTab } from './FindingsTab';
import { EMPTY_REPORT_CHECK, ReportCheckState, ReportCheckTab } from './ReportCheckTab';
import { ReportTab } from './ReportTab';
import { RunTab } from './RunTab';
import { ScoreTab } from './ScoreTab';

/** Fluent's light theme with the Chinese UI faces first: Microsoft YaHei UI on Windows, PingFang SC on a Mac. */
export const paneTheme: Theme = {
  ...webLightTheme,
  fontFamilyBase:
    '"Segoe UI", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif',
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    minWidth: '280px',
    boxSizing: 'border-box',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  tabs: { flexWrap: 'wrap' },
  top: { display: 'flex', justifyContent: 'flex-end' },
  panel: { minWidth: 0 },
});

type TabId = 'data' | 'run' | 'findings' | 'score' | 'report' | 'claims';

interface Message {
  id: number;
  intent: 'error' | 'success' | 'info' | 'warning';
  text: string;
}

/** Loads the Word exporter on demand so docx stays out of the first-load bundle. */
async function defaultExportDocx(draft: ReportDraft, scores: ScoreSheet | null): Promise<Uint8Array> {
  const { reportToDocx } = await import(/* webpackChunkName: "docx-export" */ '../../export/docx');
  return reportToDocx(draft, scores);
}

/** The 审核意见 (for the finance bureau's reviewer) as .docx, loaded on demand like the report. */
async function defaultExportReview(input: DraftInput): Promise<{ title: string; bytes: Uint8Array }> {
  const [{ reportToDocx }, { draftReview }] = await Promise.all([
    import(/* webpackChunkName: "docx-export" */ '../../export/docx'),
    import(/* webpackChunkName: "docx-export" */ '../../core/review'),
  ]);
  const review = draftReview(input);
  return { title: review.title, bytes: await reportToDocx(review, null) };
}

export interface AppProps {
  port: WorkbookPort | null;
  strings?: Strings;
  templatePlan?: () => Plan;
  exportDocx?: (draft: ReportDraft, scores: ScoreSheet | null) => Promise<Uint8Array>;
  exportReview?: (input: DraftInput) => Promise<{ title: string; bytes: Uint8Array }>;
  /** Shown above the tabs (the web page's file picker). */
  header?: React.ReactNode;
  /** Called after each successful 一键生成 (the web page offers the result workbook). */
  onRun?(outcome: RunOutcome): void;
  /** Milliseconds to wait after the user's last edit before re-checking. */
  editDebounceMs?: number;
  /** The engine (tests may wrap it); by default loaded on demand. */
  engine?: Engine;
  /** The web page's download of the result workbook (after a run). */
  onDownload?: () => void;
  /** Whether a workbook is open; by default, whether there is a port. */
  hasWorkbook?: boolean;
}

export function App({
  port,
  strings = ZH,
  templatePlan,
  exportDocx = defaultExportDocx,
  exportReview = defaultExportReview,
  header,
  onRun,
  editDebounceMs = 700,
  engine,
  onDownload,
  hasWorkbook = port !== null,
}: AppProps) {
  // Chinese first (Office's display language decides the start); the user can switch either way.
  const [s, setStrings] = React.useState<Strings>(strings);
  const [focus, setFocus] = React.useState<FindingGroup | null>(null);
  const css = useStyles();
  const [tab, setTab] = React.useState<TabId>('run');
  const [busy, setBusy] = React.useState(false);
  const [step, setStep] = React.useState<StepId | null>(null);
  const [outcome, setOutcome] = React.useState<RunOutcome | null>(null);
  const [statuses, setStatuses] = React.useState<InputStatus[] | null>(null);
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [exporting, setExporting] = React.useState(false);
  const [reportCheck, setReportCheck] = React.useState<ReportCheckState>(EMPTY_REPORT_CHECK);
  const nextId = React.useRef(0);
  const hasRun = React.useRef(false);

  const say = React.useCallback((intent: Message['intent'], text: string) => {
    const id = ++nextId.current;
    // Keep one message per intent: a new error replaces the old one.
    setMessages((ms) => [...ms.filter((m) => m.intent !== intent), { id, intent, text }]);
  }, []);
  const fail = React.useCallback((e: unknown) => say('error', describeError(e)), [say]);

  const loadStatuses = React.useCallback(async () => {
    if (!port) return;
    try {
      const reading = await port.readAll();
      setStatuses(inputStatuses(reading, buildModel(reading)));
    } catch (e) {
      fail(e);
    }
  }, [port, fail]);

  React.useEffect(() => {
    void loadStatuses();
  }, [loadStatuses]);

  // Fetch the engine while the user looks at the pane, so 一键生成 does not wait for it.
  React.useEffect(() => {
    if (!engine) void loadEngine().catch(() => undefined);
  }, [engine]);

  // Re-check when the user edits an input, so the findings list never shows stale problems.
  React.useEffect(() => {
    if (!port?.onUserEdit) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;
    let alive = true;
    port
      .onUserEdit(() => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          if (!alive || !hasRun.current) return;
          try {
            const o = await recheck(port, engine);
            if (!alive) return;
            setOutcome(o);
            setStatuses(inputStatuses(o.reading, o.evaluation.model));
            say('info', s.changedRefreshed);
          } catch (e) {
            fail(e);
          }
        }, editDebounceMs);
      })
      .then((u) => (alive ? (unsubscribe = u) : u()))
      .catch(() => undefined);
    return () => {
      alive = false;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [port, say, fail, s, editDebounceMs, engine]);

  /** Runs an action with the pane marked busy; failures become an error MessageBar. Resolves to whether it succeeded. */
  const guarded = async (action: () => Promise<void>): Promise<boolean> => {
    if (!port) {
      say('warning', s.noWorkbook);
      return false;
    }
    setBusy(true);
    try {
      await action();
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onRunAll = () =>
    guarded(async () => {
      setMessages([]);
      const o = await runAll(port!, setStep, engine);
      hasRun.current = true;
      setOutcome(o);
      setStatuses(inputStatuses(o.reading, o.evaluation.model));
      // 数据不完整 is not a success: no green 已生成 over a total that means nothing.
      if (o.evaluation.summary.complete) say('success', s.runDone);
      else say('info', s.runIncomplete);
      // What the write could not do (notes unsupported, a note the user edited) is the user's to know.
      if (o.notices.length) say('warning', o.notices.map((d) => d.message).join('\n'));
      onRun?.(o);
    }).finally(() => setStep((st) => (st === 'done' ? st : null)));

  const onBind = (name: string) =>
    guarded(async () => {
      const address = await port!.bindSelection(name);
      const label = statuses?.find((x) => x.name === name)?.label ?? name;
      say('success', s.bound(label, address));
      await loadStatuses();
    });

  const onInsertTemplate = () =>
    guarded(async () => {
      const plan = templatePlan
        ? templatePlan()
        : (await import(/* webpackChunkName: "template" */ '../../core/template')).templatePlan();
      await port!.applyPlan(plan);
      say('success', s.templateInserted);
      await loadStatuses();
    });

  const onClearMarks = () =>
    guarded(async () => {
      const notices = (await port!.clearMarks()) ?? [];
      say('success', s.marksCleared);
      if (notices.length) say('warning', notices.map((d) => d.message).join('\n'));
    });

  const onSelect = (address: string) => {
    if (!port?.live) return;
    port.select(address).catch(fail);
  };

  const onExplain = (finding: Finding, text: string) =>
    guarded(async () => {
      await port!.writeExplanation({ id: finding.id, title: finding.title, text });
      say('success', s.explanationSaved(finding.id));
      const o = await recheck(port!, engine);
      setOutcome(o);
    });

  const onExport = async () => {
    const draft = outcome?.evaluation.report;
    if (!draft) return;
    // The Mac webview cannot download a blob (office-js #2700): hand over the text instead, never claim a download.
    if (cannotDownload()) {
      say(...copyReportForMac(draft));
      return;
    }
    setExporting(true);
    try {
      const bytes = await exportDocx(draft, outcome.evaluation.scores);
      const file = `${safeFileName(draft.title)}.docx`;
      downloadBytes(bytes, file, DOCX_MIME);
      say('success', s.exported(file));
    } catch (e) {
      fail(e);
    } finally {
      setExporting(false);
    }
  };

  const onExportReview = async () => {
    const e = outcome?.evaluation;
    if (!e) return;
    const input = { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings };
    // As for the report: on Mac the text goes to the clipboard, never a claimed download.
    if (cannotDownload()) {
      const { draftReview } = await import(/* webpackChunkName: "docx-export" */ '../../core/review');
      say(...copyReportForMac(draftReview(input)));
      return;
    }
    setExporting(true);
    try {
      const { title, bytes } = await exportReview(input);
      const file = `${safeFileName(title)}.docx`;
      downloadBytes(bytes, file, DOCX_MIME);
      say('success', s.exported(file));
    } catch (err) {
      fail(err);
    } finally {
      setExporting(false);
    }
  };

  const ev = outcome?.evaluation;
  const titles: Record<TabId, string> = {
    data: s.tabData,
    run: s.tabRun,
    findings: s.tabFindings,
    score: s.tabScore,
    report: s.tabReport,
    claims: s.tabClaims,
  };
  const showFindings = (group: FindingGroup) => {
    setFocus(group);
    setTab('findings');
  };
  const grouped = React.useMemo(() => (ev ? groupFindings(ev.findings, ev.summary) : null), [ev]);
  // The tab counts what is wrong (错误 and 提示); what is only not yet filled (待补) is not a problem.
  const findingCount = grouped ? grouped.counts.错误 + grouped.counts.提示 : null;
  const missing = React.useMemo(() => missingInputs(statuses ?? [], grouped), [statuses, grouped]);

  return (
    <FluentProvider theme={paneTheme} lang={s === EN ? 'en' : 'zh-CN'}>
      <StringsContext.Provider value={s}>
        <main className={css.root}>
          <div className={css.top}>
            <ToggleButton
              size="small"
              appearance="subtle"
              checked={s === EN}
              title={s.language}
              lang={s === EN ? 'zh-CN' : 'en'}
              onClick={() => setStrings(s === EN ? ZH : EN)}
            >
              {s === EN ? '中文' : 'English'}
            </ToggleButton>
          </div>
          {header}
          {messages.map((m) => (
            <MessageBar
              key={m.id}
              intent={m.intent}
              // Multiline wraps in a 320 px pane (singleline overflows it); a success is one short sentence, dismissible.
              layout="multiline"
              role={m.intent === 'error' ? 'alert' : 'status'}
            >
              <MessageBarBody>
                {m.intent === 'error' && <MessageBarTitle>{s.errorTitle}</MessageBarTitle>}
                {m.text}
              </MessageBarBody>
              <MessageBarActions
                containerAction={
                  <Button
                    appearance="transparent"
                    size="small"
                    aria-label={s.dismiss}
                    onClick={() => setMessages((ms) => ms.filter((x) => x.id !== m.id))}
                  >
                    ×
                  </Button>
                }
              />
            </MessageBar>
          ))}
          <TabList
            className={css.tabs}
            size="small"
            selectedValue={tab}
            onTabSelect={(_, d) => {
              setFocus(null);
              setTab(d.value as TabId);
            }}
          >
            {(Object.keys(titles) as TabId[]).map((id) => (
              <Tab key={id} value={id}>
                {titles[id]}
                {id === 'findings' && findingCount !== null ? ` (${findingCount})` : ''}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-label={titles[tab]} className={css.panel}>
            {tab === 'data' && (
              <DataTab
                statuses={statuses}
                missing={missing}
                ran={!!grouped}
                onSelect={onSelect}
                live={!!port?.live}
                busy={busy}
                onBind={onBind}
                onInsertTemplate={onInsertTemplate}
                onRefresh={() => void loadStatuses()}
              />
            )}
            {tab === 'run' && (
              <RunTab
                hasWorkbook={hasWorkbook}
                busy={busy}
                step={step}
                summary={ev?.summary ?? null}
                grouped={grouped}
                needed={ev?.completeness.mostNeeded}
                onSelect={onSelect}
                onRun={onRunAll}
                onShowFindings={showFindings}
                onShowScores={() => setTab('score')}
                onDownload={onDownload}
                onExport={ev?.report ? () => void onExport() : undefined}
                exporting={exporting}
              />
            )}
            {tab === 'score' && <ScoreTab scores={ev?.scores ?? null} />}
            {tab === 'findings' && (
              <FindingsTab
                grouped={grouped}
                diagnostics={ev?.diagnostics ?? []}
                live={!!port?.live}
                busy={busy}
                focus={focus}
                onSelect={onSelect}
                onPreview={port?.preview ? (address) => port.preview!(address) : undefined}
                onExplain={onExplain}
                onClearMarks={onClearMarks}
              />
            )}
            {tab === 'report' && (
              <ReportTab
                draft={ev?.report ?? null}
                exporting={exporting}
                onExport={onExport}
                onExportReview={onExportReview}
              />
            )}
            {tab === 'claims' && (
              <ReportCheckTab
                state={reportCheck}
                onState={setReportCheck}
                readWorkbook={port ? () => port.readAll() : undefined}
                live={!!port?.live}
                onSelect={onSelect}
              />
            )}
          </div>
        </main>
      </StringsContext.Provider>
    </FluentProvider>
  );
}

export default App;
