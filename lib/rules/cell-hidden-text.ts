import { cellName, perCellOutcomes } from './support/cells';
import { preparedOf } from './support/prepared';
import type { Rule } from './support/types';

/**
 * Text the page hides inside a cell (display:none, visibility:hidden, zero size, the
 * hidden attribute; in the browser also what its stylesheets hide). The reader sees the
 * cell without it, so it is read without it (`470<span style="display:none">0</span>` is
 * 470, not 4700); that the markup holds more than the page shows is said here, so the
 * reviewer can look. A fact, not a fault: information.
 */
export const cellHiddenText: Rule = {
  id: 'cell.hiddenText',
  severity: 'info',
  tags: ['cell'],
  description: { zh: '单元格含页面隐藏的文字（未计入数字）', en: 'A cell holds text the page hides (left out of its number)' },
  check: (report, context) =>
    perCellOutcomes(preparedOf(report, context), (key, c) =>
      c.hidden === undefined
        ? 'notApplicable'
        : { scope: key, status: 'failed', cells: [key], actual: c.value, data: { cell: cellName(key, report), shown: c.raw, hidden: c.hidden } },
    ),
  message: {
    zh: (o) => `${o.data.cell}：单元格含页面隐藏的文字“${o.data.hidden}”，按页面显示的“${o.data.shown}”读取，隐藏部分未计入`,
    en: (o) => `${o.data.cell}: the cell holds text the page hides ("${o.data.hidden}"); read as shown ("${o.data.shown}"), the hidden part left out`,
  },
};
