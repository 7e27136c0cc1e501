import type { Store } from "@cejst/release";
import { sha256Text } from "../core/staging-auth.ts";
import type {
  ChannelPointer,
  DistributionInfo,
  EdgeDomains,
  EdgeState,
  InlineObject,
  PublicVersion,
  SiteFile,
  SiteInfo,
  VersionInfo,
} from "../core/types.ts";
import { localExists } from "../serve/local-path.ts";
import {
  type GenerationRecord,
  generationKey,
  loadDistribution,
  loadGeneration,
  loadVersion,
} from "./records.ts";

/** One structured log line. Access lines have `type: "access"`, state events `type: "state"`. */
export type EdgeLogEntry = Record<string, unknown> & { type: string };

/** Receives structured log entries; the caller decides where they go. */
export type EdgeLogger = (entry: EdgeLogEntry) => void;

/** When the keeper looks for new records. */
export interface KeeperOptions {
  /**
   * How often to look for a channel's next generation. `0` checks on every request to a
   * channel domain, so a pointer change takes effect for the next request.
   * @defaultValue 0
   */
  pollMs?: number;
  /** How often to list distributions and channels again. @defaultValue 10000 */
  listMs?: number;
  now?: () => number;
}

const GEN_KEY = /^control\/channels\/([^/]+)\/(\d{10})\.json$/;
const RECORD_KEY = /^distributions\/([^/]+)\/record\.json$/;
/** The version segment of a data path, as sent (an encoded one simply does not match). */
const DATA_VERSION = /^\/data-versions\/([^/?#%]+)\//;

/**
 * Holds the current snapshot of release state and moves it forward. Snapshots are never
 * mutated: each change builds a new one, so a request that took a snapshot keeps a
 * consistent world. Generations only move forward inside one process.
 */
export class StateKeeper {
  readonly #store: Store;
  readonly #domains: EdgeDomains;
  readonly #log: EdgeLogger;
  readonly #pollMs: number;
  readonly #listMs: number;
  readonly #now: () => number;
  readonly #distributions = new Map<string, DistributionInfo>();
  readonly #sites = new Map<string, SiteInfo>();
  readonly #versions = new Map<string, VersionInfo>();
  readonly #pointers = new Map<string, ChannelPointer>();
  readonly #public = new Map<string, PublicVersion>();
  readonly #badDistributions = new Set<string>();
  readonly #badGenerations = new Set<string>();
  readonly #timers: NodeJS.Timeout[] = [];
  /** Per channel: the look for its next generation in flight, and the one queued after it. */
  readonly #checking = new Map<string, Promise<void>>();
  readonly #queued = new Map<string, Promise<void>>();
  /** Set for a directory store: answers "is there a next generation" without I/O waits. */
  readonly #exists: ((key: string) => boolean) | undefined;
  #lock: Promise<void> = Promise.resolve();
  #state: EdgeState;
  #refreshedAt = 0;
  /** The listing started for an unknown staging host, and when (see `beforeRequest`). */
  #stagingLook: Promise<void> | undefined;
  #stagingLookAt = Number.NEGATIVE_INFINITY;

  constructor(store: Store, domains: EdgeDomains, log: EdgeLogger, opts: KeeperOptions = {}) {
    this.#store = store;
    this.#domains = domains;
    this.#log = log;
    this.#pollMs = opts.pollMs ?? 0;
    this.#listMs = opts.listMs ?? 10_000;
    this.#now = opts.now ?? Date.now;
    this.#exists = localExists(store);
    this.#state = this.#snapshot();
  }

  /** The snapshot requests resolve against. */
  get state(): EdgeState {
    return this.#state;
  }

  /** Loads everything, then starts the timers. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.#pollMs > 0) this.#every(this.#pollMs, () => this.pollChannels());
    if (this.#listMs > 0) this.#every(this.#listMs, () => this.refresh());
  }

  /** Stops the timers. */
  stop(): void {
    for (const t of this.#timers.splice(0)) clearInterval(t);
  }

  /** Lists distributions and channels again and moves every channel forward. */
  refresh(): Promise<void> {
    return this.#exclusive(async () => {
      for await (const info of this.#store.list("distributions/")) {
        const m = RECORD_KEY.exec(info.key);
        if (m?.[1] !== undefined) await this.#ensureDistribution(m[1]);
      }
      const gens = new Map<string, number[]>();
      for await (const info of this.#store.list("control/channels/")) {
        const m = GEN_KEY.exec(info.key);
        if (m?.[1] === undefined || m[2] === undefined) continue;
        const list = gens.get(m[1]) ?? [];
        list.push(Number(m[2]));
        gens.set(m[1], list);
      }
      for (const channel of gens.keys()) await this.#advance(channel);
      this.#refreshedAt = this.#now();
      this.#state = this.#snapshot();
    });
  }

  /**
   * Before a request on `host`, when polling is per request: on a channel domain, looks for
   * that channel's next generation; on the data host, for every channel's.
   */
  beforeRequest(host: string | undefined, target = ""): Promise<void> | undefined {
    if (host === undefined) return undefined;
    const bare = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    const base = this.#domains.stagingBase;
    if (base !== undefined && bare.endsWith(`.${base}`) && !this.#state.stagingHosts.has(bare)) {
      return this.#lookForStaging();
    }
    if (this.#pollMs > 0) return undefined;
    if (bare === this.#domains.dataHost) {
      // A public version stays public and its files never change, so no generation can
      // change the answer for it: only other paths need to look for one.
      const version = DATA_VERSION.exec(target)?.[1];
      if (version !== undefined && this.#state.publicVersions.has(version)) return undefined;
      // The data host serves what any channel made public, so a release shows there at once too.
      return this.#checkAll(Object.keys(this.#domains.channels));
    }
    const mine: string[] = [];
    for (const [channel, hosts] of Object.entries(this.#domains.channels)) {
      if (hosts.includes(bare)) mine.push(channel);
    }
    return this.#checkAll(mine);
  }

  /**
   * `deploy-site` prints the staging address the moment its record is committed, so a
   * reviewer's first request should not wait for the next listing. Unknown names under the
   * staging base list the store again, but at most once a second whatever they are, so
   * made-up host names cannot turn every request into a listing.
   */
  #lookForStaging(): Promise<void> | undefined {
    if (this.#stagingLook !== undefined) return this.#stagingLook;
    if (this.#now() - this.#stagingLookAt < 1000) return undefined;
    this.#stagingLookAt = this.#now();
    // A failed listing leaves the old snapshot: the request then gets the usual 404.
    const look = this.refresh()
      .catch((e: unknown) =>
        this.#log({ type: "error", msg: `listing for a staging host: ${(e as Error).message}` }),
      )
      .finally(() => {
        // the second counts from the end of the listing: on a busy machine a listing can
        // itself take longer than that, and names queued behind it must not start another
        this.#stagingLookAt = this.#now();
        this.#stagingLook = undefined;
      });
    this.#stagingLook = look;
    return look;
  }

  /** Looks for the next generation of each channel; `undefined` when there is surely none. */
  #checkAll(channels: readonly string[]): Promise<void> | undefined {
    let pending: Promise<void> | undefined;
    for (const channel of channels) {
      if (this.#nothingNew(channel)) continue;
      const check = this.checkChannel(channel);
      pending = pending === undefined ? check : Promise.all([pending, check]).then(() => undefined);
    }
    return pending;
  }

  /** True when a directory store has no next generation for `channel` right now. */
  #nothingNew(channel: string): boolean {
    if (this.#exists === undefined) return false;
    const key = generationKey(channel, (this.#pointers.get(channel)?.gen ?? 0) + 1);
    return this.#badGenerations.has(key) || !this.#exists(key);
  }

  /** Looks for every channel's next generation. */
  async pollChannels(): Promise<void> {
    await this.#checkAll(Object.keys(this.#domains.channels));
  }

  /**
   * Applies a channel's next generations, if any exist. Concurrent callers share lookups,
   * but each waits for one that started after it called: while a lookup is in flight, later
   * callers wait for the single one queued behind it, so a generation stored before a call
   * is always seen by that call.
   */
  checkChannel(channel: string): Promise<void> {
    const running = this.#checking.get(channel);
    if (running === undefined) return this.#startCheck(channel);
    let queued = this.#queued.get(channel);
    if (queued === undefined) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          this.#queued.delete(channel);
          return this.#startCheck(channel);
        });
      this.#queued.set(channel, queued);
    }
    return queued;
  }

  #startCheck(channel: string): Promise<void> {
    const run = this.#checkOnce(channel).finally(() => {
      if (this.#checking.get(channel) === run) this.#checking.delete(channel);
    });
    this.#checking.set(channel, run);
    return run;
  }

  async #checkOnce(channel: string): Promise<void> {
    const next = (this.#pointers.get(channel)?.gen ?? 0) + 1;
    const key = generationKey(channel, next);
    if (this.#badGenerations.has(key)) return;
    const info = await this.#store.head(key);
    if (info === undefined) return;
    await this.#exclusive(async () => {
      if (await this.#advance(channel)) this.#state = this.#snapshot();
    });
  }

  /** Serialises state changes so two refreshes cannot interleave. */
  #exclusive(fn: () => Promise<void>): Promise<void> {
    const run = this.#lock.then(fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #every(ms: number, fn: () => Promise<void>): void {
    const t = setInterval(() => {
      fn().catch((e: unknown) => this.#log({ type: "state", level: "error", msg: String(e) }));
    }, ms);
    t.unref();
    this.#timers.push(t);
  }

  /** Follows a channel's chain from its current generation; true when it moved. */
  async #advance(channel: string): Promise<boolean> {
    let moved = false;
    for (;;) {
      const current = this.#pointers.get(channel);
      const gen = (current?.gen ?? 0) + 1;
      const key = generationKey(channel, gen);
      if (this.#badGenerations.has(key)) return moved;
      let rec: GenerationRecord | undefined;
      try {
        rec = await loadGeneration(this.#store, channel, gen);
        if (rec === undefined) return moved;
        this.#checkChain(key, rec, current);
        const dist = await this.#ensureDistribution(rec.distribution);
        if (dist === undefined) throw new Error(`${key}: distribution ${rec.distribution} is not usable`);
        for (const offer of dist.offers) await this.#ensureVersion(offer.version);
        for (const offer of dist.offers) {
          if (!this.#public.has(offer.version) && this.#versions.has(offer.version)) {
            const pv: PublicVersion = { version: offer.version, firstPublic: { channel, gen } };
            if (offer.manifest !== undefined) pv.manifest = offer.manifest;
            this.#public.set(offer.version, pv);
          }
        }
      } catch (e) {
        this.#badGenerations.add(key);
        this.#log({
          type: "state",
          level: "warn",
          msg: "generation ignored",
          key,
          reason: (e as Error).message,
        });
        return moved;
      }
      this.#pointers.set(channel, { channel, gen, distribution: rec.distribution });
      this.#log({
        type: "state",
        level: "info",
        msg: "channel moved",
        channel,
        gen,
        distribution: rec.distribution,
      });
      moved = true;
    }
  }

  #checkChain(key: string, rec: GenerationRecord, current: ChannelPointer | undefined): void {
    if (current === undefined) {
      if (rec.gen !== 1 || rec.previous !== null)
        throw new Error(`${key}: the first generation names a previous one`);
      return;
    }
    if (
      rec.previous === null ||
      rec.previous.gen !== current.gen ||
      rec.previous.distribution !== current.distribution
    ) {
      throw new Error(
        `${key}: field "previous" does not match generation ${current.gen} (${current.distribution})`,
      );
    }
  }

  async #ensureDistribution(id: string): Promise<DistributionInfo | undefined> {
    const known = this.#distributions.get(id);
    if (known !== undefined) return known;
    if (this.#badDistributions.has(id)) return undefined;
    try {
      const dist = await loadDistribution(this.#store, id, this.#sites);
      const bound = await this.#ensureVersion(dist.version);
      if (bound === undefined)
        throw new Error(`distribution ${id}: bound version ${dist.version} is not committed`);
      for (const offer of dist.offers) {
        const v = await this.#ensureVersion(offer.version);
        // G4: a distribution serves only the exact bytes it was created (and approved) for
        if (v !== undefined && offer.manifest !== undefined && v.digest !== offer.manifest) {
          throw new Error(
            `distribution ${id}: ${offer.version} has manifest ${v.digest}, the record names ${offer.manifest}`,
          );
        }
      }
      this.#distributions.set(id, dist);
      return dist;
    } catch (e) {
      // Records are write-once, so one that fails now fails forever; remember it.
      this.#badDistributions.add(id);
      this.#log({
        type: "state",
        level: "warn",
        msg: "distribution ignored",
        distribution: id,
        reason: (e as Error).message,
      });
      return undefined;
    }
  }

  async #ensureVersion(id: string): Promise<VersionInfo | undefined> {
    const known = this.#versions.get(id);
    if (known !== undefined) return known;
    try {
      const v = await loadVersion(this.#store, id);
      // Only committed versions are cached: an absent manifest may appear later.
      if (v !== undefined) this.#versions.set(id, v);
      return v;
    } catch (e) {
      this.#log({
        type: "state",
        level: "warn",
        msg: "version ignored",
        version: id,
        reason: (e as Error).message,
      });
      return undefined;
    }
  }

  #snapshot(): EdgeState {
    const stagingHosts = new Map<string, string>();
    const assets = new Map<string, SiteFile>();
    for (const dist of this.#distributions.values()) {
      if (dist.stagingHost !== undefined) stagingHosts.set(dist.stagingHost, dist.id);
      for (const [path, file] of dist.site.files) if (file.immutable) assets.set(path, file);
    }
    return {
      channels: new Map(this.#pointers),
      distributions: new Map(this.#distributions),
      stagingHosts,
      versions: new Map(this.#versions),
      publicVersions: new Map(this.#public),
      assets,
      versionsJson: versionsJson([...this.#public.values()]),
      refreshedAt: this.#refreshedAt,
    };
  }
}

function versionsJson(list: PublicVersion[]): InlineObject {
  const versions = list
    .map((v) => ({ version: v.version, manifest: v.manifest ?? null, firstPublic: v.firstPublic }))
    .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const text = `${JSON.stringify({ schema: "cejst.versions/1", versions }, null, 2)}\n`;
  return { body: new TextEncoder().encode(text), sha256: sha256Text(text) };
}
