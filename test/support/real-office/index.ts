/**
 * Runs the Office host through the real office.js client library: the npm package's
 * excel-web-16.00.js is loaded in a Node `vm` context, OfficeExtension.HttpUtility's custom
 * send-request function receives every serialized RichApi request ({Actions, ObjectPaths}), and a
 * small RichApi "server" answers it from the in-repo Excel double. office.js itself builds every
 * request, with its own client-side API checks (throwIfApiNotSupported against the requirement set
 * this harness reports) and serialization, so the sizes measured here are the ones Excel receives.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { DoubleError, DoubleRequestContext, ExcelDouble } from '../excel-double';
import { hasSetter, notModelled } from '../excel-double/workbook';

const DIST = path.join(__dirname, '..', '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist');
const URL_BASE = 'https://excel-double.invalid/';

/** What one run through office.js sent and received. */
export interface WireStats {
  syncs: number;
  requestBytes: number[];
  responseBytes: number[];
}

/** Excel on the web refuses larger requests and responses (RequestPayloadSizeLimitExceeded). */
export const EXCEL_WEB_LIMIT = 5 * 1024 * 1024;

interface OfficeRuntime {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  /** The ExcelApi version office.js's requirement checks answer from (mutable between runs). */
  setApiLevel(level: string): void;
  /** Where requests go: set per run. */
  setServer(server: ((body: unknown) => { status: number; body: string }) | null): void;
}

let runtime: OfficeRuntime | null = null;

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** Loads excel-web-16.00.js once per process (≈0.5 s) into a vm context standing in for the browser. */
export function officeRuntime(): OfficeRuntime {
  if (runtime) return runtime;
  let level = '1.7';
  let server: ((body: unknown) => { status: number; body: string }) | null = null;
  const sandbox: Record<string, unknown> = { console, setTimeout, clearTimeout, setInterval, clearInterval };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  sandbox.navigator = { userAgent: 'Mozilla/5.0 (node) jixiao-real-office-harness' };
  sandbox.location = {
    href: URL_BASE,
    search: '',
    hash: '',
    protocol: 'https:',
    hostname: 'excel-double.invalid',
  };
  sandbox.document = {
    getElementsByTagName: () => [],
    createElement: () => ({}),
    readyState: 'complete',
    addEventListener() {},
    cookie: '',
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(DIST, 'excel-web-16.00.js'), 'utf8'), context, {
    filename: 'excel-web-16.00.js',
  });
  // What Office.context.requirements answers in a host that reports ExcelApi `level` (office.js's
  // own Office.context cannot be redefined: the rest of its Office object is kept behind it).
  sandbox.Office = Object.create(sandbox.Office as object, {
    context: {
      value: {
        requirements: {
          isSetSupported: (name: string, v = '1.1') => name === 'ExcelApi' && versionAtLeast(level, v),
        },
      },
    },
  });
  const ext = sandbox.OfficeExtension as typeof OfficeExtension & {
    HttpUtility: { setCustomSendRequestFunc(f: unknown): void };
  };
  ext.HttpUtility.setCustomSendRequestFunc(async (request: { body: unknown }) => {
    if (!server) throw new Error('no RichApi server for this request');
    const r = server(request.body);
    return { statusCode: r.status, headers: { 'content-type': 'application/json' }, body: r.body };
  });
  runtime = {
    Excel: sandbox.Excel as typeof Excel,
    OfficeExtension: ext,
    setApiLevel: (v) => (level = v),
    setServer: (s) => (server = s),
  };
  return runtime;
}

// ------------------------------------------------------------------ the RichApi server over the double

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[] | null; Expand?: string[] | null };
}

interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

type Proxy = Record<string, unknown> & { load?(arg?: unknown): unknown };

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** What an item of a collection is addressed by in office.js's indexer (getItem) path. */
function itemId(item: Proxy): unknown {
  const loaded = (item as unknown as { loaded: Map<string, unknown> }).loaded;
  for (const key of ['id', 'name']) if (loaded.has(key)) return loaded.get(key);
  return undefined;
}

/** A loaded double proxy as office.js expects it in a Query result: PascalCase scalars, nested navigation, `_Items`. */
function serialise(proxy: Proxy, select: string[] | null | undefined): unknown {
  const internals = proxy as unknown as {
    loaded: Map<string, unknown>;
    nullState?: boolean;
    navigation?(n: string): Proxy | undefined;
  };
  if (internals.nullState === true) return null;
  const loaded = internals.loaded;
  if (loaded.has('items') && Array.isArray(loaded.get('items'))) {
    const items = loaded.get('items') as Proxy[];
    return { _Items: items.map((item) => withId(item, serialise(item, select) as Record<string, unknown>)) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of loaded) out[pascal(k)] = v;
  // Navigation paths of the select (`fill/color`): the children were loaded by the double.
  for (const p of select ?? []) {
    const parts = p.split('/');
    if (parts.length < 2) continue;
    let node: Proxy = proxy;
    let target = out;
    for (const part of parts.slice(0, -1)) {
      node = (node as Record<string, unknown>)[part] as Proxy;
      const key = pascal(part);
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    Object.assign(target, serialise(node, [parts[parts.length - 1]]) as object);
  }
  return out;
}

function withId(item: Proxy, value: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!value) return value;
  const id = value.Id ?? itemId(item);
  return id === undefined ? value : { ...value, _Id: id };
}

/** The id office.js rewrites an added object's path with (worksheet id, comment id, name). */
function instantiateValue(proxy: Proxy): unknown {
  const internals = proxy as unknown as { target?(): unknown };
  if (typeof internals.target !== 'function') return {};
  const t = internals.target() as Record<string, unknown> | null;
  if (t === null) return null;
  if (t && typeof t === 'object') {
    if (typeof t.id === 'string') return { Id: t.id };
    const data = t.data as { name?: string } | undefined;
    if (data?.name) return { Id: data.name };
  }
  return {};
}

export interface ServerOptions {
  /** Fail the Nth request (1-based) with this error code before running any of it. */
  failRequest?: { n: number; code: string };
}

/** Answers office.js's RichApi requests from an Excel double; counts and measures them. */
export class RichApiServer {
  readonly stats: WireStats = { syncs: 0, requestBytes: [], responseBytes: [] };

  constructor(
    readonly double: ExcelDouble,
    private readonly options: ServerOptions = {}
  ) {}

  handle(raw: unknown): { status: number; body: string } {
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const size = Buffer.byteLength(text, 'utf8');
    this.stats.syncs++;
    this.stats.requestBytes.push(size);
    const reply = (body: unknown) => {
      let out = JSON.stringify(body);
      const bytes = Buffer.byteLength(out, 'utf8');
      this.stats.responseBytes.push(bytes);
      // Excel on the web does not send a response over its limit either: the request fails.
      if (bytes > EXCEL_WEB_LIMIT)
        out = JSON.stringify({
          Results: [],
          Error: {
            Code: 'ResponsePayloadSizeLimitExceeded',
            Message: 'The response payload size has exceeded the limit.',
            HttpStatusCode: 413,
            ActionIndex: -1,
          },
        });
      return { status: 200, body: out };
    };
    if (size > EXCEL_WEB_LIMIT)
      return reply({
        Results: [],
        Error: {
          Code: 'RequestPayloadSizeLimitExceeded',
          Message: 'The request payload size has exceeded the limit.',
          HttpStatusCode: 413,
          ActionIndex: -1,
        },
      });
    const fail = this.options.failRequest;
    if (fail && fail.n === this.stats.syncs)
      return reply({
        Results: [],
        Error: { Code: fail.code, Message: `injected ${fail.code}`, HttpStatusCode: 500, ActionIndex: -1 },
      });
    return reply(this.execute(JSON.parse(text) as RequestBody));
  }

  /** Runs one request on a fresh double context, in action order, as Excel does: actions before a failure stay applied. */
  private execute(body: RequestBody): unknown {
    const ctx = new DoubleRequestContext(this.double);
    const proxies = new Map<number, Proxy>();
    const results: Array<{ ActionId: number; Value: unknown }> = [];
    let current = -1;

    // office.js sends an omitted optional argument as null: the double's methods expect it left out.
    const args = (info: ActionInfo['ArgumentInfo']): unknown[] => {
      const out = (info?.Arguments ?? []).map((a, i) => {
        const ref = info?.ReferencedObjectPathIds?.[i];
        return ref ? resolve(ref) : a;
      });
      while (out.length && out[out.length - 1] === null) out.pop();
      return out;
    };

    const resolve = (id: number): Proxy => {
      const known = proxies.get(id);
      if (known) return known;
      const p = body.ObjectPaths[String(id)];
      if (!p) throw new DoubleError('InvalidObjectPath', `Unknown object path ${id}.`);
      let made: Proxy;
      if (p.ObjectPathType === 1) made = ctx.workbook as unknown as Proxy;
      else {
        const parent = resolve(p.ParentObjectPathId!);
        const name = camel(p.Name);
        if (p.ObjectPathType === 4) made = parent[name] as Proxy;
        else if (p.ObjectPathType === 5) {
          // An item of a loaded collection, addressed by its key (office.js's indexer: getItem).
          if (typeof parent.getItem !== 'function') throw notModelled(`${className(parent)}.getItem`);
          made = (parent.getItem as (...a: unknown[]) => Proxy).apply(parent, args(p.ArgumentInfo));
        } else if (p.ObjectPathType === 3) {
          const method = parent[name] as ((...a: unknown[]) => Proxy) | undefined;
          if (typeof method !== 'function') throw notModelled(`${className(parent)}.${name}`);
          made = method.apply(parent, args(p.ArgumentInfo));
        } else
          throw new DoubleError(
            'NotImplemented',
            `Object path type ${p.ObjectPathType} is not supported by the harness.`
          );
        if (made === undefined) throw notModelled(`${className(parent)}.${name}`);
      }
      proxies.set(id, made);
      return made;
    };

    const at = (index: number, op: () => void) =>
      ctx.enqueue(() => {
        current = index;
        op();
      });

    try {
      body.Actions.forEach((action, index) => {
        at(index, () => undefined);
        const proxy = resolve(action.ObjectPathId);
        switch (action.ActionType) {
          case 1: // Instantiate
            at(index, () => results.push({ ActionId: action.Id, Value: instantiateValue(proxy) }));
            break;
          case 2: {
            // Query
            const select = action.QueryInfo?.Select ?? null;
            proxy.load!(select && select.length ? select : undefined);
            at(index, () => results.push({ ActionId: action.Id, Value: serialise(proxy, select) }));
            break;
          }
          case 3: {
            // Method. office.js's own bookkeeping calls (_ValidateArraySize, …) have nothing to do in the double.
            if (action.Name.startsWith('_')) {
              at(index, () => results.push({ ActionId: action.Id, Value: null }));
              break;
            }
            const method = proxy[camel(action.Name)] as ((...a: unknown[]) => unknown) | undefined;
            if (typeof method !== 'function')
              throw notModelled(`${className(proxy)}.${camel(action.Name)}()`);
            const r = method.apply(proxy, args(action.ArgumentInfo)) as { value?: unknown } | undefined;
            at(index, () =>
              results.push({
                ActionId: action.Id,
                Value: r && typeof r === 'object' && 'value' in r ? r.value : null,
              })
            );
            break;
          }
          case 4: // SetProperty: only properties the double models (a setter on its class), else it fails loudly.
            if (!hasSetter(proxy, camel(action.Name)))
              throw notModelled(`setting ${className(proxy)}.${camel(action.Name)}`);
            proxy[camel(action.Name)] = args(action.ArgumentInfo)[0];
            break;
          default:
            throw new DoubleError(
              'NotImplemented',
              `Action type ${action.ActionType} is not supported by the harness.`
            );
        }
      });
    } catch (e) {
      return { Results: results, Error: errorOf(e, current) };
    }
    let failure: unknown = null;
    // The double runs its queue synchronously inside sync() after one microtask; run it to completion here.
    const queue = (ctx as unknown as { queue: Array<() => void> }).queue;
    (ctx as unknown as { queue: Array<() => void> }).queue = [];
    this.double.syncCount++;
    for (const op of queue) {
      try {
        op();
      } catch (e) {
        failure = e;
        break;
      }
    }
    return failure ? { Results: results, Error: errorOf(failure, current) } : { Results: results };
  }
}

/** The double's class a proxy belongs to, without its `D` prefix (`Worksheet`, `ChartCollection`). */
function className(proxy: unknown): string {
  return String((proxy as { constructor?: { name?: string } }).constructor?.name ?? 'object').replace(
    /^D/,
    ''
  );
}

/** As Excel answers a failed action: its code, message, index and where it failed (office.js's debugInfo.errorLocation). */
function errorOf(e: unknown, actionIndex: number) {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  return {
    Code: err.code ?? 'GeneralException',
    Message: err.message ?? String(e),
    HttpStatusCode: 400,
    ActionIndex: actionIndex,
    Location: err.debugInfo?.errorLocation ?? '',
  };
}

// ------------------------------------------------------------------ running a batch

/**
 * `Excel.run` through real office.js: the batch gets an office.js RequestContext whose requests the
 * double answers. `level` is the ExcelApi version the host reports (office.js's own API checks
 * and the add-in's Office.context.requirements both answer from it).
 */
export async function runThroughOfficeJs<T>(
  double: ExcelDouble,
  level: string,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: ServerOptions = {}
): Promise<{ result: T; stats: WireStats }> {
  const rt = officeRuntime();
  const server = new RichApiServer(double, options);
  rt.setApiLevel(level);
  double.excelApi = level;
  rt.setServer((body) => server.handle(body));
  const g = globalThis as Record<string, unknown>;
  const before = g.Office;
  g.Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, v = '1.1') => name === 'ExcelApi' && versionAtLeast(level, v),
      },
    },
  };
  try {
    const context = new rt.Excel.RequestContext(URL_BASE);
    const result = await batch(context);
    await context.sync();
    return { result, stats: server.stats };
  } finally {
    g.Office = before;
    rt.setServer(null);
  }
}
