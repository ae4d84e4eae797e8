/** What this Excel can do: requirement sets reported by the host, checked against the loaded office.js. */
import type { Diagnostic } from '../../core/types';

export interface ApplyOptions {
  /** Cell notes need ExcelApi 1.18; detected with Office.context.requirements when not given. */
  notesSupported?: boolean;
  /** Threaded comments (the fallback) need ExcelApi 1.10; detected likewise when not given. */
  commentsSupported?: boolean;
  /** Page setup for printing (worksheet.pageLayout) needs ExcelApi 1.9; detected likewise when not given. */
  pageLayoutSupported?: boolean;
  /** Told each request's estimated size just before it is sent (the tests compare it with the serialized request). */
  onRequest?: (estimate: { request: number; response: number }) => void;
}

/** What a run could not do now (never fatal): marks kept for a later run, comments left because the user edited them. */
export interface ApplyReport {
  diagnostics: Diagnostic[];
}

function isSet(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

export interface Capabilities {
  notes: boolean;
  comments: boolean;
  pageLayout: boolean;
  /** RangeFill.pattern and tintAndShade (ExcelApi 1.9): without them only the colour can be read. */
  fillPattern: boolean;
  /** worksheet.getRanges (ExcelApi 1.9): one format call over many cells. */
  rangeAreas: boolean;
  /** range.getCellProperties / setCellProperties (ExcelApi 1.9): each cell's format or link in one call over many cells. */
  cellProperties: boolean;
  /** Ownership markers on our sheets: sheet-scoped names (worksheet.names, ExcelApi 1.4). */
  owner: boolean;
  /** Content digests beside the markers: a name's formula set again (NamedItem.formula, ExcelApi 1.7). */
  digest: boolean;
}

/**
 * A feature is used when the host reports its requirement set *and* the office.js that loaded has
 * the API: the npm copy of office.js (1.1.110) has no notes API at all although Microsoft 365
 * reports ExcelApi 1.18, and a host may load a script older than the set it reports.
 */
function loaded(context: Excel.RequestContext | undefined, member: 'notes' | 'comments'): boolean {
  return !context || member in context.workbook;
}

export function capabilities(o: ApplyOptions, context?: Excel.RequestContext): Capabilities {
  return {
    notes: o.notesSupported ?? (isSet('1.18') && loaded(context, 'notes')),
    comments: o.commentsSupported ?? (isSet('1.10') && loaded(context, 'comments')),
    pageLayout: o.pageLayoutSupported ?? isSet('1.9'),
    fillPattern: isSet('1.9'),
    rangeAreas: isSet('1.9'),
    cellProperties: isSet('1.9'),
    owner: isSet('1.4'),
    digest: isSet('1.7'),
  };
}
