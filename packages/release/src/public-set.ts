import { readChannel, readDistribution } from "./channels.ts";
import type { Store } from "./store.ts";

/** One version some channel has made public, and the generation that first did. */
export interface PublicOffer {
  version: string;
  manifest: string;
  firstPublic: { channel: string; gen: number };
}

/** Every channel with at least one generation key, in bytewise order. */
export async function listChannels(store: Store): Promise<string[]> {
  const names = new Set<string>();
  for await (const info of store.list("control/channels/")) {
    const name = info.key.split("/")[2];
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/**
 * The public set (rollout.md §1.9): the union of the offers of every distribution any
 * channel has ever named, through valid generations only. It only grows.
 */
export async function publicOffers(store: Store): Promise<Map<string, PublicOffer>> {
  const out = new Map<string, PublicOffer>();
  for (const channel of await listChannels(store)) {
    for (const g of (await readChannel(store, channel)).history) {
      for (const o of (await readDistribution(store, g.distribution))?.offers ?? []) {
        if (!out.has(o.version))
          out.set(o.version, {
            version: o.version,
            manifest: o.manifest,
            firstPublic: { channel, gen: g.gen },
          });
      }
    }
  }
  return out;
}
