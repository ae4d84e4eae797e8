/**
 * The request/proxy machinery of the Excel double, modelled on office.js: proxies queue their
 * writes and loads; `context.sync()` runs the queue in order against the document; a property is
 * readable only after it was loaded *and* synced (else `PropertyNotLoaded`, office.js's own words).
 */
import type { BookData } from './state';

/** Mirrors OfficeExtension.Error: a `code` such as `ItemNotFound`, `PropertyNotLoaded`, `ApiNotFound`. */
export class DoubleError extends Error {
  readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
    readonly debugInfo: { code: string; message: string; errorLocation?: string } = { code, message }
  ) {
    super(message);
  }
}

export function propertyNotLoaded(prop: string): DoubleError {
  return new DoubleError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

/** What the double's owner exposes to proxies. */
export interface DoubleHost {
  book: BookData;
  /** ExcelApi requirement set check, e.g. ('1.18') for notes. */
  supportsExcelApi(version: string): boolean;
  syncCount: number;
  loadCount: number;
  /** Fault injector: the sync with this number (1-based, counted over the double's life) fails before running anything. */
  failSync?: { n: number; code: string };
  /** Excel's rule that a cell holds a note or a threaded comment, not both (on unless a test turns it off). */
  oneSlotPerCell?: boolean;
  /** When set, getRanges refuses an address of more areas than this with InvalidArgument, as Excel does past an undocumented limit. */
  rangeAreasLimit?: number;
  /** Called after each successful sync with the cells written, to raise onChanged. */
  afterSync(changes: Array<{ sheetId: string; address: string }>): void;
  registerChanged(sheetId: string, handler: (args: never) => unknown): void;
  unregisterChanged(sheetId: string, handler: (args: never) => unknown): void;
}

/** A load request normalised to a tree: scalar properties and navigation children. */
export interface LoadSpec {
  /** `'all'` loads every scalar property (office.js `load()` / `$all`). */
  props: Set<string> | 'all';
  nav: Map<string, LoadSpec>;
}

function emptySpec(): LoadSpec {
  return { props: new Set(), nav: new Map() };
}

function addPath(spec: LoadSpec, path: string[]): void {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    if (head === '$all') spec.props = 'all';
    else if (spec.props !== 'all') spec.props.add(head);
    return;
  }
  const child = spec.nav.get(head) ?? emptySpec();
  spec.nav.set(head, child);
  addPath(child, rest);
}

function addObject(spec: LoadSpec, o: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(o)) {
    if (k === 'select' && typeof v === 'string')
      v.split(',').forEach((p) => addPath(spec, p.trim().split('/')));
    else if (k === 'expand' && typeof v === 'string')
      v.split(',').forEach((p) => {
        const c = emptySpec();
        c.props = 'all';
        spec.nav.set(p.trim(), c);
      });
    else if (k === '$all' && v) spec.props = 'all';
    else if (v === true) addPath(spec, [k]);
    else if (v && typeof v === 'object') {
      const c = spec.nav.get(k) ?? emptySpec();
      spec.nav.set(k, c);
      addObject(c, v as Record<string, unknown>);
    }
  }
}

export type LoadArg = string | string[] | Record<string, unknown> | undefined;

export function parseLoad(arg: LoadArg): LoadSpec {
  const spec = emptySpec();
  if (arg === undefined) spec.props = 'all';
  else if (typeof arg === 'string') arg.split(',').forEach((p) => addPath(spec, p.trim().split('/')));
  else if (Array.isArray(arg)) arg.forEach((p) => addPath(spec, p.trim().split('/')));
  else addObject(spec, arg);
  if (spec.props !== 'all' && spec.props.size === 0 && spec.nav.size === 0) spec.props = 'all';
  return spec;
}

/** One request context: the queue, the sync counter and the workbook proxy root. */
export class DoubleContextBase {
  syncCount = 0;
  loadCount = 0;
  private queue: Array<() => void> = [];
  private changes: Array<{ sheetId: string; address: string }> = [];

  constructor(readonly host: DoubleHost) {}

  enqueue(op: () => void): void {
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  noteChange(sheetId: string, address: string): void {
    this.changes.push({ sheetId, address });
  }

  /** Runs every queued operation in order; like office.js, operations before a failure stay applied. */
  async sync(): Promise<void> {
    this.syncCount++;
    this.host.syncCount++;
    const ops = this.queue;
    this.queue = [];
    this.changes = [];
    await Promise.resolve();
    const fault = this.host.failSync;
    if (fault && fault.n === this.host.syncCount)
      throw new DoubleError(fault.code, `Injected failure of sync ${fault.n} (${fault.code}).`);
    for (const op of ops) op();
    const changes = this.changes;
    this.changes = [];
    if (changes.length) this.host.afterSync(changes);
  }

  /** `context.trackedObjects` is accepted and ignored: the double never invalidates proxies. */
  readonly trackedObjects = { add(): void {}, remove(): void {} };
}

/**
 * Base of every proxy. `resolve` finds the document object when an operation runs (lazily, in
 * queue order, so a sheet added earlier in the same batch is found); null means a null object.
 */
export abstract class DoubleObject<T> {
  protected loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;
  private isResolved = false;
  private cached: T | null = null;
  private children = new Map<string, DoubleObject<unknown>>();

  constructor(
    readonly context: DoubleContextBase,
    private readonly resolver: () => T | null
  ) {}

  /** Scalar properties `load()` with no argument loads. */
  protected abstract readonly scalarProps: readonly string[];
  protected abstract snapshot(prop: string, target: T): unknown;

  /** A collection answers from the document as it is when each operation runs, not as it was first read. */
  protected readonly everyTime: boolean = false;

  protected target(): T | null {
    if (!this.isResolved || this.everyTime) {
      this.cached = this.resolver();
      this.isResolved = true;
    }
    return this.cached;
  }

  /** The document object for a write or a method; a null object cannot be written to. */
  protected live(): T {
    const t = this.target();
    if (t === null)
      throw new DoubleError(
        'InvalidArgument',
        'The object is a null object (isNullObject = true) and cannot be used.'
      );
    return t;
  }

  protected get host(): DoubleHost {
    return this.context.host;
  }

  /** A navigation property (e.g. `range.format`): one proxy per parent, like office.js. */
  protected child<C extends DoubleObject<unknown>>(name: string, make: () => C): C {
    let c = this.children.get(name) as C | undefined;
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c;
  }

  /** Navigation properties reachable by load paths (`format/fill/color`). */
  protected navigation(_name: string): DoubleObject<unknown> | undefined {
    return undefined;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject');
    return this.nullState;
  }

  /** Reads a loaded property; a null object's properties read as undefined (as in office.js). */
  protected read<V>(prop: string): V {
    if (this.nullState === true) return undefined as V;
    if (!this.loaded.has(prop)) throw propertyNotLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected write(op: (t: T) => void): void {
    this.context.enqueue(() => op(this.live()));
  }

  load(arg?: LoadArg): this {
    this.context.loadCount++;
    this.host.loadCount++;
    const spec = parseLoad(arg);
    this.context.enqueue(() => this.applyLoad(spec));
    return this;
  }

  /** Runs at sync time: snapshots the requested properties. */
  applyLoad(spec: LoadSpec): void {
    const t = this.target();
    this.nullState = t === null;
    if (t === null) return;
    const props = spec.props === 'all' ? this.scalarProps : [...spec.props];
    for (const p of props) {
      const nav = this.navigation(p);
      if (nav) nav.applyLoad({ props: 'all', nav: new Map() });
      else this.loaded.set(p, this.snapshot(p, t));
    }
    for (const [name, sub] of spec.nav) {
      const nav = this.navigation(name);
      if (!nav)
        throw new DoubleError(
          'InvalidArgument',
          `Cannot load '${name}': not a navigation property of this object.`
        );
      nav.applyLoad(sub);
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection proxy: `items` holds one proxy per member, loaded with the items' spec. */
export abstract class DoubleCollection<T, P extends DoubleObject<T>> extends DoubleObject<T[]> {
  protected readonly scalarProps: readonly string[] = ['items'];
  protected readonly everyTime = true;

  protected abstract itemProxy(member: T): P;

  protected snapshot(): unknown {
    return undefined;
  }

  get items(): P[] {
    return this.read<P[]>('items');
  }

  applyLoad(spec: LoadSpec): void {
    // office.js: `collection.load('name')` means `items/name`.
    const itemSpec: LoadSpec = spec.nav.get('items') ?? { props: 'all', nav: new Map() };
    if (spec.props !== 'all') {
      const own = [...spec.props].filter((p) => p !== 'items');
      if (own.length) {
        if (itemSpec.props === 'all') itemSpec.props = new Set(own);
        else own.forEach((p) => (itemSpec.props as Set<string>).add(p));
      }
    }
    const members = this.target();
    (this as unknown as { loaded: Map<string, unknown> }).loaded.set(
      'items',
      (members ?? []).map((m) => {
        const p = this.itemProxy(m);
        p.applyLoad(itemSpec);
        return p;
      })
    );
    super.applyLoad({ props: new Set(), nav: new Map() });
  }
}

/** A scalar result of a method (`getCount()`), readable after sync. */
export class DoubleResult<V> {
  private done = false;
  private v: V | undefined;
  constructor(context: DoubleContextBase, compute: () => V) {
    context.enqueue(() => {
      this.v = compute();
      this.done = true;
    });
  }
  get value(): V {
    if (!this.done) throw propertyNotLoaded('value');
    return this.v as V;
  }
}
