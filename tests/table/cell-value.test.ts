import { describe, expect, it } from 'vitest';
import { readCellValue } from '../../lib/table/cell-value';

describe('readCellValue', () => {
  it.each([
    ['12', 12, ['number']],
    [' \n0', 0, ['number']],
    ['', 0, ['blank']],
    ['\u00a0', 0, ['blank']],
    ['—', 0, ['dash']],
    ['-', 0, ['dash']],
    ['／', 0, ['dash']],
    ['无', 0, ['none']],
    ['不适用', 0, ['notApplicable']],
    ['１２', 12, ['fullWidth']],
    ['1,808,595', 1808595, ['thousands']],
    ['178.2028', 178.2028, ['number', 'decimal']],
    ['+1036', 1036, ['signed']],
    ['-18', -18, ['signed']],
    ['251000元', 251000, ['unit']],
    ['3件', 3, ['unit']],
  ] as const)('reads %j as %d (%j)', (raw, value, readAs) => {
    const v = readCellValue(raw);
    expect(v.value).toBe(value);
    expect(v.readAs).toEqual(readAs);
    expect(v.raw).toBe(raw);
  });

  it('keeps a trailing note and reads the leading number', () => {
    expect(readCellValue('178.2028（仲裁案件收费）')).toEqual({
      raw: '178.2028（仲裁案件收费）',
      value: 178.2028,
      readAs: ['decimal', 'note'],
      note: '仲裁案件收费',
    });
  });

  it.each(['约100', '100余', '见附件', '12 34', '1.2.3', '%'])('does not guess %j', (raw) => {
    const v = readCellValue(raw);
    expect(v.value).toBeNull();
    expect(v.readAs).toContain('unreadable');
  });
});
