/** Shapes as the graph shows them; its numbers are compactNumber's (src/format/number.ts at the repository's root). */

/** "[1, 3]" for a tensor's shape; "scalar" shapes ([]) are shown by the caller in words. */
export function formatShape(shape: number[]): string {
  return `[${shape.join(', ')}]`;
}
