/**
 * Every request to Excel is sized before it is sent, reads as much as writes. Excel on the web refuses
 * a request or a response over 5 MB (RequestPayloadSizeLimitExceeded); a Batch queues office.js calls
 * step by step, each with its estimated cost (the request bytes office.js will serialize for it and the
 * response bytes Excel will send back), and syncs before a step would take either past its budget. So
 * the number of syncs follows the size of the work, never a loop over cells.
 *
 * The estimate follows office.js's own serialization (excel-web-16.00.js: an object path per proxy with
 * its Instantiate action, an action per property set, method call or load); the real-office.js tests
 * check it against the serialized size of every request.
 *
 * A Batch also survives Excel refusing a RangeAreas address (InvalidArgument from getRanges, whose limits
 * are undocumented: office-js #5198, #4263): the refused call is split in two and retried, down to
 * single ranges (see {@link Batch.areas}).
 */

/** What a method's result holds once its request was sent (office.js fills it in on sync; nothing to load). */
export const resultOf = <T>(r: OfficeExtension.ClientResult<T>): T => r.value;

/** The most a request may carry, by estimate: well under Excel on the web's 5 MB. */
export const REQUEST_BUDGET = 2_000_000;
/** The most a request may ask Excel to send back, by estimate. */
export const RESPONSE_BUDGET = 2_000_000;

export interface Cost {
  request: number;
  response: number;
}

/** Bytes of a string in UTF-8, as the request travels (a CJK character takes 3). */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) n += 2;
    else if (c >= 0x80) n += 1; // two-byte characters, and each half of a 4-byte pair
  }
  return n;
}

/** Bytes of a value as office.js serializes it (JSON, UTF-8). */
export const jsonBytes = (v: unknown): number => utf8Bytes(JSON.stringify(v) ?? 'null');

// Sizes of office.js's JSON with 7-digit ids, as a long run reaches (measured on excel-web-16.00.js).
/** An object path with arguments (`"…":{"Id":…,"ObjectPathType":3,"Name":"GetRange",…,"ArgumentInfo":{"Arguments":[…]}}`), its Instantiate action and its place in an "L" list. */
const PATH_WITH_ARGS = 190;
/** An object path without arguments (a navigation property such as Format or Fill), likewise. */
const PATH = 160;
/** A SetProperty or Method action (`{"Id":…,"ActionType":4,"Name":…,"ObjectPathId":…,"ArgumentInfo":{"Arguments":[…]},"L":[…]}`). */
const ACTION = 105;
/** A Query action without its Select list. */
const QUERY = 100;
/** One result in the response (`{"ActionId":…,"Value":…}`), without its value. */
const RESULT = 36;
/**
 * What every request repeats: the paths of the workbook, its collections (worksheets, names, comments)
 * and the worksheets its objects are on, each once per request.
 */
const REQUEST_BASE: Cost = { request: 6_000, response: 1_500 };
/** office.js sends a 2-D array of more cells than this in slices (getRow … getBoundingRect per slice). */
const SLICE_CELLS = 1_500;

/** The cost model: what each kind of office.js call adds to a request and its response. */
export const cost = {
  none: (): Cost => ({ request: 0, response: 0 }),
  /** A proxy reached by a method (`getRange("E5")`, `getItem("表")`) or, without arguments, a navigation property (`format`). */
  path(name: string, args?: unknown[]): Cost {
    return {
      request: (args ? PATH_WITH_ARGS + jsonBytes(args) : PATH) + name.length,
      // Excel answers an item's path with its id (`{"Id":"{…}"}`), other paths with `{}`.
      response: RESULT + 4 + (args ? 12 + jsonBytes(args[0] ?? '') : 0),
    };
  },
  /** A property set (`fill.color = "#FFC7CE"`). */
  set(name: string, value: unknown): Cost {
    return { request: ACTION + name.length + jsonBytes(value), response: 0 };
  },
  /** A 2-D array set on a range (values, formulas, numberFormat), as office.js slices it; `bytes` its JSON when known. */
  setArray(name: string, rows: unknown[][], bytes = jsonBytes(rows)): Cost {
    const cells = rows.length * (rows[0]?.length ?? 0);
    const slices =
      cells > SLICE_CELLS
        ? Math.ceil(rows.length / Math.max(1, Math.round(SLICE_CELLS / rows[0].length)))
        : 0;
    return {
      request: ACTION + name.length + bytes + slices * (3 * PATH_WITH_ARGS + ACTION + 40),
      response: slices * 3 * (RESULT + 4) + (slices ? RESULT + 4 : 0),
    };
  },
  /** A method call (`merge(false)`, `delete()`); `result` is the bytes of what it returns. */
  method(name: string, args: unknown[] = [], result = 4): Cost {
    return { request: ACTION + name.length + jsonBytes(args), response: RESULT + result };
  },
  /** A load of `select`; `result` is the bytes of the values Excel sends back. */
  query(select: string[], result: number): Cost {
    return { request: QUERY + jsonBytes(select), response: RESULT + result };
  },
  sum(...costs: Cost[]): Cost {
    return {
      request: costs.reduce((a, c) => a + c.request, 0),
      response: costs.reduce((a, c) => a + c.response, 0),
    };
  },
  times(n: number, c: Cost): Cost {
    return { request: n * c.request, response: n * c.response };
  },
};

/**
 * Most areas one getRanges call carries, and most characters of its address. Excel's limit is not
 * documented: office-js #5198 reports InvalidArgument for an address of 513 areas (8,207 characters)
 * while another of 513 works, and office-docs #2255 and office-js #4263 report long area lists failing
 * intermittently. 200 areas in at most 2,000 characters stays far below every reported failure.
 */
export const AREAS_PER_CALL = 200;
export const AREAS_CHARS = 2_000;

/** Cuts addresses into comma-joined lists of at most `max` areas and `chars` characters (a longer address stands alone). */
export function areaLists(addresses: string[], max = AREAS_PER_CALL, chars = AREAS_CHARS): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const a of addresses) {
    if (current.length && (current.length >= max || length + 1 + a.length > chars)) {
      out.push(current);
      current = [];
      length = 0;
    }
    length += (current.length ? 1 : 0) + a.length;
    current.push(a);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * A step that can be sent again without changing the result (a value, a format, a load), or one that
 * cannot (adding a sheet, a name, a comment, deleting something).
 */
export type StepKind = 'again' | 'once';

interface Step {
  cost: Cost;
  kind: StepKind;
  queue: () => void;
  /** Set on a getRanges call: its addresses and how to apply the setting to a target. */
  areas?: {
    ws: Excel.Worksheet;
    addresses: string[];
    set: (target: Excel.Range | Excel.RangeAreas) => void;
    each: Cost;
  };
}

export interface BatchOptions {
  /** Told the estimate of every request just before it is sent (for the tests that check it). */
  onRequest?: (estimate: Cost) => void;
}

/** True when Excel refused a getRanges address (InvalidArgument located there). */
function refusedAreas(e: unknown): boolean {
  const err = e as { code?: string; debugInfo?: { errorLocation?: string } };
  return err.code === 'InvalidArgument' && /getRanges/i.test(err.debugInfo?.errorLocation ?? '');
}

export class Batch {
  private steps: Step[] = [];
  private used: Cost = { ...REQUEST_BASE };
  private withAreas = false;
  /** Requests sent through this batch. */
  syncs = 0;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly options: BatchOptions = {}
  ) {}

  /**
   * Queues `queue` (the office.js calls of one step, costing `c`), sending what is queued first when the
   * step would take the request or its response past the budget. A step that cannot be sent twice is never
   * queued after a getRanges call in the same request, so a refused getRanges can be retried safely.
   */
  async add(c: Cost, queue: () => void, kind: StepKind = 'again'): Promise<void> {
    await this.push({ cost: c, kind, queue });
  }

  /**
   * Applies `set` to the cells at `addresses` (sheet-local A1) of `ws`: over RangeAreas of at most
   * {@link AREAS_PER_CALL} areas where Excel has them (ExcelApi 1.9), else one range at a time. `each`
   * is the cost of what `set` queues on one target.
   */
  async areas(
    ws: Excel.Worksheet,
    addresses: string[],
    rangeAreas: boolean,
    each: Cost,
    set: (target: Excel.Range | Excel.RangeAreas) => void
  ): Promise<void> {
    if (!rangeAreas) {
      for (const a of addresses)
        await this.add(cost.sum(cost.path('GetRange', [a]), each), () => set(ws.getRange(a)));
      return;
    }
    for (const list of areaLists(addresses)) await this.push(this.areasStep(ws, list, set, each));
  }

  private areasStep(
    ws: Excel.Worksheet,
    addresses: string[],
    set: (target: Excel.Range | Excel.RangeAreas) => void,
    each: Cost
  ): Step {
    const joined = addresses.join(',');
    // A single address needs no RangeAreas: a plain range cannot be refused this way.
    if (addresses.length === 1)
      return {
        cost: cost.sum(cost.path('GetRange', [joined]), each),
        kind: 'again',
        queue: () => set(ws.getRange(joined)),
      };
    return {
      cost: cost.sum(cost.path('GetRanges', [joined]), each),
      kind: 'again',
      queue: () => set(ws.getRanges(joined)),
      areas: { ws, addresses, set, each },
    };
  }

  private async push(step: Step): Promise<void> {
    const over =
      this.used.request + step.cost.request > REQUEST_BUDGET ||
      this.used.response + step.cost.response > RESPONSE_BUDGET;
    if (this.steps.length && (over || (step.kind === 'once' && this.withAreas))) await this.flush();
    step.queue();
    this.steps.push(step);
    this.used = cost.sum(this.used, step.cost);
    if (step.areas) this.withAreas = true;
  }

  /** Sends what is queued (nothing when nothing is). */
  async flush(): Promise<void> {
    if (!this.steps.length) return;
    const steps = this.steps;
    const estimate = this.used;
    this.steps = [];
    this.used = { ...REQUEST_BASE };
    this.withAreas = false;
    try {
      await this.send(estimate);
    } catch (e) {
      if (!refusedAreas(e) || !steps.some((s) => s.areas)) throw e;
      await this.recover(steps);
    }
  }

  private async send(estimate: Cost): Promise<void> {
    this.options.onRequest?.(estimate);
    this.syncs++;
    await this.context.sync();
  }

  /**
   * After Excel refused a getRanges call: every step before the request's first getRanges call was
   * applied (Excel stops at the failing action and keeps what came before; no once-only step follows a
   * getRanges call in a request), and the rest can be sent again.
   */
  private async recover(steps: Step[]): Promise<void> {
    await this.resend(steps.slice(steps.findIndex((s) => s.areas)));
  }

  /**
   * Sends steps that can be sent again in one request; when Excel refuses it, each half again, so a
   * refused getRanges call ends up alone and is split in two, down to single ranges.
   */
  private async resend(steps: Step[]): Promise<void> {
    if (!steps.length) return;
    let estimate = { ...REQUEST_BASE };
    for (const step of steps) {
      step.queue();
      estimate = cost.sum(estimate, step.cost);
    }
    try {
      await this.send(estimate);
    } catch (e) {
      if (!refusedAreas(e) || !steps.some((s) => s.areas)) throw e;
      if (steps.length > 1) {
        const half = Math.ceil(steps.length / 2);
        await this.resend(steps.slice(0, half));
        await this.resend(steps.slice(half));
        return;
      }
      const { ws, addresses, set, each } = steps[0].areas!;
      const half = Math.ceil(addresses.length / 2);
      await this.resend([
        this.areasStep(ws, addresses.slice(0, half), set, each),
        this.areasStep(ws, addresses.slice(half), set, each),
      ]);
    }
  }
}
