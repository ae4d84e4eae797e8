/** Saves bytes as a file through the browser (task pane webview or web page): nothing is uploaded. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some webviews start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name without characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 120) || '报告';
}

/** Excel on Mac runs the pane in a webview that cannot save a blob download (office-js #2700, by design). */
export function cannotDownload(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.platform === Office.PlatformType.Mac;
  } catch {
    return false;
  }
}

interface DraftText {
  title: string;
  sections: Array<{
    number?: string;
    heading: string;
    level: number;
    blocks: Array<{
      kind: string;
      text?: string;
      caption?: string;
      header?: string[];
      rows?: string[][];
      notes?: string[];
    }>;
  }>;
}

/** The report as plain text Word takes on paste: headings, paragraphs, tables as tab-separated rows. */
export function reportText(draft: DraftText): string {
  const lines = [draft.title, ''];
  for (const sec of draft.sections) {
    if (sec.level > 0) lines.push(`${sec.number ?? ''}${sec.heading}`);
    for (const b of sec.blocks) {
      if (b.kind === 'paragraph') lines.push(b.text ?? '');
      else
        lines.push(
          b.caption ?? '',
          ...[b.header ?? [], ...(b.rows ?? [])].map((r) => r.join('\t').replace(/\n/g, '')),
          ...(b.notes ?? [])
        );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Copies text synchronously (still inside the click), which works in the Mac webview where the Clipboard API may not. */
function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** On Mac: the report's text goes to the clipboard; the message says what happened and where to get a .docx. */
export function copyReportForMac(draft: DraftText): ['success' | 'warning', string] {
  const docx =
    '需要 .docx 文件时，请在 Excel 网页版、Windows 版或网页版 web.html 中导出，或用命令行 jixiao evaluate … --docx。';
  if (copyText(reportText(draft)))
    return [
      'success',
      `Mac 版 Excel 中加载项无法下载文件。已将报告全文复制到剪贴板：请在 Word 中新建文档并粘贴。${docx}`,
    ];
  return ['warning', `Mac 版 Excel 中加载项无法下载文件，复制到剪贴板也未成功。${docx}`];
}
