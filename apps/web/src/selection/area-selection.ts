/** The largest area selection (web.md §4.4: a guard, not the original's cap of 20). */
export const SELECTION_MAX = 5000;

/** What a change did: ids added and removed, and ids refused by the guard. */
export interface SelectionChange {
  added: string[];
  removed: string[];
  refused: number;
}

/**
 * An ordered set of tract ids with change listeners: the state behind the area selection,
 * shared by the map, the panel and the table view. It holds at most `max` ids; adding past
 * the guard keeps the first ones and reports how many were refused.
 */
export class AreaSelection {
  private readonly order: string[] = [];
  private readonly members = new Set<string>();
  private readonly listeners = new Set<(change: SelectionChange) => void>();
  readonly max: number;

  constructor(ids: readonly string[] = [], max = SELECTION_MAX) {
    this.max = max;
    this.apply(ids, []);
  }

  /** The selected ids in the order they were added. */
  ids(): readonly string[] {
    return this.order;
  }

  get size(): number {
    return this.order.length;
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  /** Adds the ids not yet selected, up to the guard. */
  add(ids: readonly string[]): SelectionChange {
    return this.apply(ids, []);
  }

  remove(ids: readonly string[]): SelectionChange {
    return this.apply([], ids);
  }

  /** Adds `id` when absent, removes it when present. */
  toggle(id: string): SelectionChange {
    return this.has(id) ? this.remove([id]) : this.add([id]);
  }

  /** Empties the selection. */
  clear(): SelectionChange {
    return this.apply([], [...this.order]);
  }

  /** Replaces the selection with `ids` (e.g. from the address after Back). */
  set(ids: readonly string[]): SelectionChange {
    const keep = new Set(ids);
    return this.apply(
      ids,
      this.order.filter((id) => !keep.has(id)),
    );
  }

  /** Calls `listener` after every change that added or removed something. */
  onChange(listener: (change: SelectionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(add: readonly string[], remove: readonly string[]): SelectionChange {
    const change: SelectionChange = { added: [], removed: [], refused: 0 };
    for (const id of remove) {
      if (!this.members.delete(id)) continue;
      this.order.splice(this.order.indexOf(id), 1);
      change.removed.push(id);
    }
    for (const id of add) {
      if (this.members.has(id)) continue;
      if (this.order.length >= this.max) {
        change.refused++;
        continue;
      }
      this.members.add(id);
      this.order.push(id);
      change.added.push(id);
    }
    if (change.added.length + change.removed.length > 0) for (const f of this.listeners) f(change);
    return change;
  }
}
