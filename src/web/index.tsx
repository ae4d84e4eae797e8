/**
 * The standalone web page: the task pane's UI over an .xlsx opened in the browser, for WPS and
 * Linux users without Excel. ExcelJS loads only when a file is opened; the file never leaves the page.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import {
  Button,
  Body1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { App } from '../taskpane/components/App';
import { downloadBytes, safeFileName, XLSX_MIME } from '../taskpane/download';
import { describeError } from '../taskpane/pipeline';
import { Strings, ZH } from '../taskpane/strings';
import { FilePort, filePort, loadXlsxHost } from './filePort';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

/** The blank template as an .xlsx (what the task pane's 插入模板 puts into Excel). */
async function blankTemplate(): Promise<Uint8Array> {
  const [host, { templatePlan }] = await Promise.all([
    loadXlsxHost(),
    import(/* webpackChunkName: "template" */ '../core/template'),
  ]);
  const book = host.newXlsx();
  host.applyPlan(book, templatePlan());
  return host.saveXlsx(book);
}

/** Opening a file is the first step, so it is the primary action until a file is open. */
function FileBar({
  s,
  fileName,
  loading,
  onOpen,
  onTemplate,
}: {
  s: Strings;
  fileName: string | null;
  loading: boolean;
  onOpen(file: File): void;
  onTemplate(): void;
}) {
  const css = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <header>
      <Title3 as="h1" block>
        {s.appTitle}
      </Title3>
      <div className={css.bar}>
        <input
          ref={input}
          className={css.hidden}
          type="file"
          accept=".xlsx,.xls,.et,.xlsb,.ods,.fods,.uos,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={s.openFile}
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onOpen(f);
            e.target.value = '';
          }}
        />
        <Button
          appearance={fileName ? 'secondary' : 'primary'}
          onClick={() => input.current?.click()}
          disabled={loading}
        >
          {s.openFile}
        </Button>
        <Button onClick={onTemplate} disabled={loading}>
          {s.downloadTemplate}
        </Button>
        {loading && <Spinner size="tiny" />}
        {fileName && <Text weight="semibold">{fileName}</Text>}
      </div>
      <Body1 block>{s.fileNeverLeaves}</Body1>
    </header>
  );
}

function WebApp() {
  // Chinese first: the page's content is Chinese whatever the browser's language; the pane has a switch.
  const s = ZH;
  const [port, setPort] = React.useState<FilePort | null>(null);
  const [fileName, setFileName] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [ran, setRan] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  /** Sheets whose notes ExcelJS could not parse: the page re-saves the workbook without them, so it says so. */
  const [notesUnread, setNotesUnread] = React.useState<string[]>([]);
  const [generation, setGeneration] = React.useState(0);

  const open = async (file: File) => {
    setLoading(true);
    setError(null);
    setNotesUnread([]);
    try {
      const [host, { workbookBytes }] = await Promise.all([
        loadXlsxHost(),
        import(/* webpackChunkName: "xlsx-host" */ './openWorkbook'),
      ]);
      const book = await host.loadXlsx((await workbookBytes(file)).bytes);
      setNotesUnread(book.notesUnread ?? []);
      setPort(filePort(host, book));
      setFileName(file.name);
      setRan(false);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  };

  const save = async () => {
    if (!port || !fileName) return;
    try {
      const bytes = await port.save();
      downloadBytes(bytes, `${safeFileName(fileName.replace(/\.[a-z]+$/i, ''))}-评价结果.xlsx`, XLSX_MIME);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const template = async () => {
    try {
      downloadBytes(await blankTemplate(), '绩效自评基础数据模板.xlsx', XLSX_MIME);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const header = (
    <>
      <FileBar
        s={s}
        fileName={fileName}
        loading={loading}
        onOpen={(f) => void open(f)}
        onTemplate={() => void template()}
      />
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{s.errorTitle}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {notesUnread.length > 0 && (
        <MessageBar intent="warning" data-testid="notes-unread">
          <MessageBarBody>
            <MessageBarTitle>{s.notesUnreadTitle}</MessageBarTitle>
            {s.notesUnread(notesUnread.map((n) => `“${n}”`).join('、'))}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
  return (
    <App
      key={generation}
      port={port}
      strings={s}
      header={header}
      onRun={() => setRan(true)}
      onDownload={ran ? () => void save() : undefined}
    />
  );
}

const root = document.getElementById('container');
if (root) createRoot(root).render(<WebApp />);
