/**
 * Left-to-right layout of a computation graph (a DAG), pure TypeScript with no DOM and no imports, so a
 * node test can run it as it is:
 *   1. layers: an op sits one column right of its deepest input (longest path from the inputs); a leaf
 *      (input, parameter, constant) sits just left of its first consumer, not in column 0, so a bias
 *      added late does not draw a long edge across the picture;
 *   2. order within a column: barycentre sweeps (left-to-right on inputs, right-to-left on consumers),
 *      keeping the order with the fewest edge crossings;
 *   3. coordinates: columns as wide as their widest box, each column centred vertically.
 * Edges leave a box's right side and enter the next one's left side, spread by input slot.
 */

export interface LayoutInput {
  id: number;
  inputs: number[];
  width: number;
  height: number;
}

export interface PlacedNode {
  id: number;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: number;
  to: number;
  slot: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphLayout {
  nodes: Map<number, PlacedNode>;
  edges: PlacedEdge[];
  /** node ids per column, top to bottom */
  layers: number[][];
  width: number;
  height: number;
  crossings: number;
}

export interface LayoutOptions {
  columnGap: number;
  rowGap: number;
  padding: number;
}

const DEFAULTS: LayoutOptions = { columnGap: 64, rowGap: 28, padding: 12 };

/** Column of each node: longest path from the inputs, leaves pulled right next to their first consumer. */
export function assignLayers(nodes: LayoutInput[]): Map<number, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const layer = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (id: number): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`layout: the graph has a cycle through node ${id}`);
    visiting.add(id);
    const inputs = byId.get(id)?.inputs.filter((i) => byId.has(i)) ?? [];
    const d = inputs.length === 0 ? 0 : 1 + Math.max(...inputs.map(depth));
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  for (const n of nodes) depth(n.id);
  const consumers = consumersOf(nodes);
  for (const n of nodes) {
    if (n.inputs.length > 0) continue;
    const next = consumers.get(n.id) ?? [];
    if (next.length > 0) layer.set(n.id, Math.max(0, Math.min(...next.map((c) => layer.get(c)!)) - 1));
  }
  return layer;
}

function consumersOf(nodes: LayoutInput[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const n of nodes) for (const i of n.inputs) out.set(i, [...(out.get(i) ?? []), n.id]);
  return out;
}

/** Pairs of edges that cross, counting each edge by its end columns and the rank of its ends there. */
export function countCrossings(layers: number[][], nodes: LayoutInput[], layerOf: Map<number, number>): number {
  const rank = rankMap(layers);
  const edges: [number, number, number, number][] = [];
  for (const n of nodes) for (const i of n.inputs) if (rank.has(i)) edges.push([layerOf.get(i)!, rank.get(i)!, layerOf.get(n.id)!, rank.get(n.id)!]);
  let crossings = 0;
  for (let a = 0; a < edges.length; a++) {
    for (let b = a + 1; b < edges.length; b++) {
      const [la1, ra1, la2, ra2] = edges[a]!;
      const [lb1, rb1, lb2, rb2] = edges[b]!;
      // only edges between the same two columns are comparable by rank alone
      if (la1 !== lb1 || la2 !== lb2) continue;
      if ((ra1 - rb1) * (ra2 - rb2) < 0) crossings++;
    }
  }
  return crossings;
}

function rankMap(layers: number[][]): Map<number, number> {
  const rank = new Map<number, number>();
  for (const col of layers) col.forEach((id, i) => rank.set(id, i - (col.length - 1) / 2));
  return rank;
}

/** Barycentre ordering within each column; returns the columns with the fewest crossings seen. */
export function orderLayers(nodes: LayoutInput[], layerOf: Map<number, number>, sweeps = 4): number[][] {
  const count = Math.max(0, ...layerOf.values()) + 1;
  let layers: number[][] = Array.from({ length: count }, () => []);
  for (const n of nodes) layers[layerOf.get(n.id)!]!.push(n.id);
  const inputs = new Map(nodes.map((n) => [n.id, n.inputs]));
  const consumers = consumersOf(nodes);
  let best = layers.map((c) => [...c]);
  let bestCrossings = countCrossings(best, nodes, layerOf);
  const reorder = (col: number[], neighbours: (id: number) => number[], rank: Map<number, number>) => {
    const key = new Map<number, number>();
    col.forEach((id, i) => {
      const ns = neighbours(id).filter((n) => rank.has(n));
      key.set(id, ns.length > 0 ? ns.reduce((s, n) => s + rank.get(n)!, 0) / ns.length : i - (col.length - 1) / 2);
    });
    return [...col].sort((a, b) => key.get(a)! - key.get(b)!);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < count; l++) layers[l] = reorder(layers[l]!, (id) => inputs.get(id) ?? [], rankMap(layers));
    for (let l = count - 2; l >= 0; l--) layers[l] = reorder(layers[l]!, (id) => consumers.get(id) ?? [], rankMap(layers));
    const crossings = countCrossings(layers, nodes, layerOf);
    if (crossings < bestCrossings) {
      best = layers.map((c) => [...c]);
      bestCrossings = crossings;
    }
    layers = layers.map((c) => [...c]);
  }
  return best;
}

export function layoutGraph(nodes: LayoutInput[], options: Partial<LayoutOptions> = {}): GraphLayout {
  const o = { ...DEFAULTS, ...options };
  const layerOf = assignLayers(nodes);
  const layers = orderLayers(nodes, layerOf);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const colWidth = layers.map((col) => Math.max(0, ...col.map((id) => byId.get(id)!.width)));
  const colHeight = layers.map((col) => col.reduce((h, id) => h + byId.get(id)!.height, 0) + Math.max(0, col.length - 1) * o.rowGap);
  const height = Math.max(0, ...colHeight) + 2 * o.padding;
  const placed = new Map<number, PlacedNode>();
  let x = o.padding;
  layers.forEach((col, l) => {
    let y = (height - colHeight[l]!) / 2;
    for (const id of col) {
      const n = byId.get(id)!;
      placed.set(id, { id, layer: l, x: x + (colWidth[l]! - n.width) / 2, y, width: n.width, height: n.height });
      y += n.height + o.rowGap;
    }
    x += colWidth[l]! + o.columnGap;
  });
  const width = x - o.columnGap + o.padding;
  const edges: PlacedEdge[] = [];
  for (const n of nodes) {
    const to = placed.get(n.id)!;
    n.inputs.forEach((from, slot) => {
      const src = placed.get(from);
      if (!src) return;
      const spread = n.inputs.length > 1 ? (slot / (n.inputs.length - 1) - 0.5) * Math.min(to.height * 0.5, 36) : 0;
      edges.push({ from, to: n.id, slot, x1: src.x + src.width, y1: src.y + src.height / 2, x2: to.x, y2: to.y + to.height / 2 + spread });
    });
  }
  return { nodes: placed, edges, layers, width, height, crossings: countCrossings(layers, nodes, layerOf) };
}
