import { int } from 'neo4j-driver';
import { Executor } from '../db/executor';
import { AppError, ErrorCode } from '../errors';
import { FilterKeys, isEmpty, matches } from './change.filter';
import { HEAD, PAGE_ALL, PAGE_FILTERED, TAIL } from './change.repository';

type Row = Record<string, unknown>;

/** How the tails of this process run (set once at start from the configuration, src/server.ts). */
export const tailSettings = {
  /** Milliseconds between two reads of the log by the tail (CHANGES_POLL_MS). */
  pollMs: 500,
  /** Events read per tail read; a full batch is followed at once by the next. */
  batch: 500,
  /** Live events a subscription may hold undelivered before it is ended (a client that does not read). */
  maxBuffered: 1000,
  /** Events per page of a replay (`after`). */
  replayPage: 100,
};

/** One subscriber of a tail: its filter, and where the tail hands it each new event of the log. */
interface Listener {
  filter: FilterKeys;
  deliver(event: Row): void;
}

/**
 * The one reader of the change log per process (per driver): while anyone listens, it reads the
 * events after the last sequence it saw, every `pollMs` (an index range on ChangeEvent.seq), and
 * hands each to the listeners whose filter it matches, in sequence order. Every instance of the
 * server runs its own, so any instance delivers a change whichever instance, or CLI, wrote it.
 */
export class ChangeTail {
  private position = 0;
  private readonly listeners = new Set<Listener>();
  private started: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(private readonly executor: Executor) {}

  /**
   * Starts handing new events to `listener` (possibly before this resolves); resolves to the
   * sequence the tail had read to when it joined (the head of the log for a tail that starts):
   * every event handed to it afterwards is later.
   */
  async join(listener: Listener): Promise<number> {
    this.listeners.add(listener);
    this.started ??= this.start();
    try {
      await this.started;
    } catch (error) {
      this.leave(listener);
      throw error;
    }
    return this.position;
  }

  leave(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  private async start(): Promise<void> {
    try {
      const [row] = await this.executor.read<{ head: number }>(HEAD, {});
      this.position = row.head;
    } catch (error) {
      this.started = null;
      throw error;
    }
    this.timer = setInterval(() => void this.tick(), tailSettings.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.started = null;
  }

  /** One read of the log (skipped while the previous one runs); a full batch is followed by the next at once. */
  private async tick(): Promise<void> {
    if (this.reading || this.listeners.size === 0) return;
    this.reading = true;
    try {
      for (let full = true; full && this.listeners.size > 0;) {
        const relatedTo = [...new Set([...this.listeners].map((l) => l.filter.relatedTo).filter((x) => x !== null))];
        const [row] = await this.executor.read<{ events: Row[]; lists: { id: string; related: string[] }[] }>(TAIL, {
          after: int(this.position),
          limit: int(tailSettings.batch),
          relatedTo,
        });
        const lists = new Map(row.lists.map((l) => [l.id, l.related]));
        for (const event of row.events) {
          if ((event.seq as number) <= this.position) continue;
          this.position = event.seq as number;
          for (const listener of [...this.listeners]) {
            const related = listener.filter.relatedTo === null ? [] : (lists.get(listener.filter.relatedTo) ?? []);
            if (matches(listener.filter, event.keys as string[], related)) listener.deliver(event);
          }
        }
        full = row.events.length === tailSettings.batch;
      }
    } catch {
      // Neo4j unreachable or busy: the next tick reads from the same position, so nothing is lost.
    } finally {
      this.reading = false;
    }
  }
}

/** The tail of each driver (one per process in the server; tests may run several servers in one process). */
const tails = new WeakMap<object, ChangeTail>();

export function tailOf(executor: Executor): ChangeTail {
  let tail = tails.get(executor.driver);
  if (!tail) tails.set(executor.driver, (tail = new ChangeTail(executor)));
  return tail;
}

/**
 * The page of the log after `after` that a replay reads, with every property (the events a tail
 * hands out): the same statements as `changes`, projecting `e {.*}`.
 */
export async function readPage(
  executor: Executor,
  filter: FilterKeys,
  after: number,
  limit: number,
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Row[]> {
  const statement = isEmpty(filter) ? PAGE_ALL(direction, 'e {.*}') : PAGE_FILTERED(direction, 'e {.*}');
  const [row] = await executor.read<{ events: Row[] }>(statement, pageParams(filter, after, limit));
  return row.events;
}

/** The parameters of PAGE_ALL and PAGE_FILTERED. */
export function pageParams(filter: FilterKeys, after: number, limit: number): Record<string, unknown> {
  return {
    after: int(after),
    before: int(Number.MAX_SAFE_INTEGER),
    limit: int(limit),
    studies: filter.studies,
    relatedTo: filter.relatedTo,
    interventions: filter.interventions,
    conditions: filter.conditions,
    kinds: filter.kinds,
  };
}

/**
 * The events of one subscription, as an async iterator: with `after`, the events after it (read
 * page by page from the log, each page once the client has taken the one before), then the live
 * ones from the tail; without, the live ones from the moment it starts. It joins the tail before
 * replaying, holding what the tail hands it meanwhile, and then passes on only the events past the
 * last one replayed: every matching event once, in sequence order, whatever the timing.
 */
export class ChangeStream implements AsyncIterableIterator<Row> {
  private readonly queue: Row[] = [];
  /** Live events handed over during the replay, passed on after it. */
  private held: Row[] | null = null;
  private last = 0;
  private waiting: { resolve: (r: IteratorResult<Row>) => void; reject: (e: unknown) => void } | null = null;
  private drained: (() => void) | null = null;
  private done = false;
  private failure: unknown = null;
  private readonly listener: Listener;

  constructor(
    private readonly executor: Executor,
    private readonly filter: FilterKeys,
    private readonly after: number | null,
  ) {
    this.listener = { filter, deliver: (event) => this.live(event) };
  }

  /** Joins the tail and, with `after`, replays; resolves once the stream is live or failed. */
  async start(): Promise<this> {
    // Live events are held until the join has said where the tail stood, and through the replay.
    this.held = [];
    const joined = await tailOf(this.executor).join(this.listener);
    if (this.after !== null) void this.replay(this.after);
    else this.release(joined);
    return this;
  }

  /** Passes on the held live events past `after`, and the next ones as they come. */
  private release(after: number): void {
    this.last = after;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) if ((event.seq as number) > this.last) this.push(event);
  }

  private async replay(after: number): Promise<void> {
    try {
      this.last = after;
      for (;;) {
        const page = await readPage(this.executor, this.filter, this.last, tailSettings.replayPage + 1);
        for (const event of page.slice(0, tailSettings.replayPage)) this.push(event);
        if (page.length <= tailSettings.replayPage || this.done) break;
        // The next page once the client has taken this one.
        await new Promise<void>((resolve) => (this.queue.length === 0 ? resolve() : (this.drained = resolve)));
        this.drained = null;
        if (this.done) return;
      }
      this.release(this.last);
    } catch (error) {
      this.fail(error);
    }
  }

  private live(event: Row): void {
    if (this.done) return;
    if (this.held) {
      if (this.held.length >= tailSettings.maxBuffered) return this.tooSlow();
      this.held.push(event);
    } else if ((event.seq as number) > this.last) {
      if (this.queue.length >= tailSettings.maxBuffered) return this.tooSlow();
      this.push(event);
    }
  }

  private tooSlow(): void {
    this.fail(
      new AppError(
        ErrorCode.SUBSCRIPTION_TOO_SLOW,
        `More than ${tailSettings.maxBuffered} changes waited for this client: the subscription ended; subscribe again with \`after\` set to the cursor of the last change received.`,
        { after: String(this.last) },
      ),
    );
  }

  private push(event: Row): void {
    this.last = event.seq as number;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
    } else this.queue.push(event);
  }

  private fail(error: unknown): void {
    if (this.done) return;
    this.failure = error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.close();
      reject(error);
    } else this.close();
  }

  private close(): void {
    this.done = true;
    tailOf(this.executor).leave(this.listener);
    this.drained?.();
  }

  next(): Promise<IteratorResult<Row>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      if (this.queue.length === 0) this.drained?.();
      return Promise.resolve({ value, done: false });
    }
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    this.drained?.();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Row>> {
    if (!this.done) this.close();
    this.queue.length = 0;
    if (this.waiting) this.waiting.resolve({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
