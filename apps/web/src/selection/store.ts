import { AreaSelection } from "./area-selection.ts";

const stores = new WeakMap<object, AreaSelection>();

/**
 * The one area selection of an explore page (keyed by its context), shared by the map and
 * panel code and by the table view's checkboxes, which load as separate chunks.
 */
export function selectionFor(owner: object): AreaSelection {
  let s = stores.get(owner);
  if (!s) {
    s = new AreaSelection();
    stores.set(owner, s);
  }
  return s;
}
