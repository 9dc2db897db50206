// What the end-to-end tests find on a page by themselves, independently of the extension
// (Chromium's e2e/ and Firefox's e2e-firefox/ both): a cell by its row and column labels.
// Runs in the page: its source is sent there, so it uses nothing outside itself.

/**
 * The cell at the intersection of the row labelled `rowLabel` and the column headed
 * `colLabel`, in the table that contains `tableText` — found independently of the
 * extension, on the page's own grid (rowspan / colspan resolved).
 */
export function gridCells(args: { tableText: string; colLabel: string; rowLabel?: string }): Element[] {
  const norm = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u3000]+/g, '');
  const table = Array.from(document.querySelectorAll('table')).find((t) => norm(t.textContent).includes(args.tableText));
  if (!table) throw new Error(`no table with ${args.tableText}`);
  const grid: Element[][] = [];
  Array.from(table.rows).forEach((tr, r) => {
    const row = (grid[r] ??= []);
    let c = 0;
    for (const cell of Array.from(tr.cells)) {
      while (row[c]) c++;
      for (let i = 0; i < Math.max(1, cell.rowSpan); i++) for (let j = 0; j < Math.max(1, cell.colSpan); j++) (grid[r + i] ??= [])[c + j] = cell;
      c += Math.max(1, cell.colSpan);
    }
  });
  let col = -1;
  let headerRow = -1;
  for (let r = 0; r < grid.length && col < 0; r++)
    for (let c = 0; c < (grid[r]?.length ?? 0); c++)
      if (norm(grid[r]![c]!.textContent) === args.colLabel) {
        col = c;
        headerRow = r;
        break;
      }
  if (col < 0) throw new Error(`no column ${args.colLabel}`);
  const rows = grid.slice(headerRow + 1).filter((row) => row[col] && row[col] !== grid[headerRow]![col]);
  if (args.rowLabel === undefined) return [...new Set(rows.map((row) => row[col]!))];
  const hit = rows.filter((row) => row.some((cell, c) => c < col && norm(cell.textContent) === args.rowLabel));
  if (hit.length !== 1) throw new Error(`${hit.length} rows labelled ${args.rowLabel}`);
  return [hit[0]![col]!];
}

export const GRANTED_PAGE = 'pingtan-2023-changed-granted.html';
/** （一）予以公开 × 自然人: 22 in the real report, 25 on this page */
export const GRANTED_CELL = { tableText: '申请人情况', rowLabel: '（一）予以公开', colLabel: '自然人' };
