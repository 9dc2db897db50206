import { describe, expect, it } from 'vitest';
import { buildGrid, GRID_LIMITS, layoutTables } from '../../lib/table/grid';
import { docFromHtml } from '../../toolkit/dom';

const grid = (html: string) => buildGrid(docFromHtml(`<table>${html}</table>`).querySelector('table')!);
const texts = (g: ReturnType<typeof grid>) => g.rows.map((r) => r.map((c) => c?.text ?? '·').join('|'));

describe('buildGrid', () => {
  it('places rowspan and colspan cells in every slot they cover', () => {
    const g = grid('<tr><td rowspan="2">a</td><td colspan="2">b</td></tr><tr><td>c</td><td>d</td></tr>');
    expect(texts(g)).toEqual(['a|b|b', 'a|c|d']);
    expect(g.rows[1]![0]!.row).toBe(0);
    expect(g.width).toBe(3);
  });

  it('reads thead/tbody rows and <th> cells, but not the rows of nested tables', () => {
    const g = grid('<thead><tr><th>h</th></tr></thead><tbody><tr><td>x<table><tr><td>inner</td></tr></table></td></tr></tbody>');
    expect(g.rows).toHaveLength(2);
    expect(g.rows[0]![0]!.text).toBe('h');
  });

  it('records where each cell came from', () => {
    const g = grid('<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>');
    const d = g.rows[1]![1]!;
    expect([d.trIndex, d.cellIndex]).toEqual([1, 1]);
  });

  it('bounds absurd spans by the table’s real size', () => {
    const g = grid('<tr><td rowspan="99999" colspan="99999">x</td></tr><tr><td>y</td></tr>');
    expect(g.rows).toHaveLength(2);
    expect(g.width).toBeLessThanOrEqual(GRID_LIMITS.maxColumns);
  });

  it('treats rowspan="0" as spanning to the end of the table', () => {
    const g = grid('<tr><td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr>');
    expect(texts(g)).toEqual(['a|b', 'a|c', 'a|d']);
  });

  it('normalises labels broken by <br>, spaces and full-width brackets', () => {
    const g = grid('<tr><td>结 果<br>维 持</td><td>（三）<br/>不予公开</td><td><p class="MsoNormal"><span lang="EN-US">自<o:p></o:p></span>然人</p></td></tr>');
    expect(g.rows[0]!.map((c) => c!.label)).toEqual(['结果维持', '(三)不予公开', '自然人']);
  });
});

describe('layoutTables', () => {
  it('names every table that holds another table, at any depth, and no other', () => {
    const doc = docFromHtml(
      '<table id="outer"><tr><td><div><table id="middle"><tr><td><table id="inner"><tr><td>1</td></tr></table></td></tr></table></div></td></tr></table>' +
        '<table id="plain"><tr><td>2</td></tr></table>',
    );
    const layout = layoutTables(doc.querySelectorAll('table'));
    expect([...layout].map((t) => t.id).sort()).toEqual(['middle', 'outer']);
  });
});
