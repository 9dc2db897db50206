// @vitest-environment happy-dom
// The reviewer's verdicts: 误报 / 已核实 with a note, kept in storage per page and
// finding, excluded from the counts, shown struck through, and reopenable.

import { describe, expect, it } from 'vitest';
import { dismissalKey } from '../../utils/page-state';
import { dismissalsItem } from '../../utils/storage';
import {
  $,
  buttonByText,
  count,
  fakeBackground,
  findingItem,
  mountPopup,
  pingtanState,
  sentToTab,
  TAB,
  text,
  typeInto,
  unmountPopup,
  URL_PINGTAN,
  usePopupTestSetup,
  waitFor,
} from './harness';

usePopupTestSetup();

const ROW = 'applications.rowSum:granted';
const COLUMN = 'applications.outcomeTotal:naturalPerson';
const refreshes = () => sentToTab().filter(([, m]) => m.type === 'refresh');

async function mark(root: HTMLElement, id: string, label: '误报' | '已核实', note: string) {
  buttonByText(findingItem(root, id), `标为${label}`).click();
  const input = await waitFor(() => $<HTMLInputElement>(findingItem(root, id), 'input[name=note]'));
  await waitFor(() => expect(document.activeElement).toBe(input));
  typeInto(input, note);
  $(findingItem(root, id), 'button[type=submit]').click();
  await waitFor(() => expect(findingItem(root, id).dataset.status).not.toBe('open'));
}

describe('popup: dismissals', () => {
  it('误报 with a note is stored, leaves the counts, stays listed struck through, and tells the page', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    expect(count(root, 'error')).toBe('2');
    await mark(root, ROW, '误报', '表中“总计”为原文印刷错误');

    const stored = await dismissalsItem.getValue();
    expect(Object.keys(stored)).toEqual([dismissalKey(URL_PINGTAN, ROW)]);
    expect(stored[dismissalKey(URL_PINGTAN, ROW)]).toMatchObject({ status: 'falsePositive', note: '表中“总计”为原文印刷错误' });
    expect(Date.parse(stored[dismissalKey(URL_PINGTAN, ROW)]!.at)).not.toBeNaN();

    await waitFor(() => expect(count(root, 'error')).toBe('1'));
    const li = findingItem(root, ROW);
    expect(li.classList.contains('dismissed')).toBe(true);
    expect(li.dataset.status).toBe('falsePositive');
    expect(text($(li, '.status'))).toBe('误报');
    expect(text($(li, '.note'))).toBe('备注：表中“总计”为原文印刷错误');
    expect(findingItem(root, COLUMN).dataset.status).toBe('open');
    await waitFor(() => expect(refreshes()).toEqual([[TAB, { type: 'refresh' }]]));
  });

  it('is remembered when the popup opens again, and can be reopened', async () => {
    fakeBackground(pingtanState());
    let root = await mountPopup();
    await mark(root, COLUMN, '已核实', '');
    expect((await dismissalsItem.getValue())[dismissalKey(URL_PINGTAN, COLUMN)]).toMatchObject({ status: 'verified', note: '' });
    unmountPopup();

    root = await mountPopup();
    const li = findingItem(root, COLUMN);
    expect(li.dataset.status).toBe('verified');
    expect(li.querySelector('.note')).toBeNull();
    expect(count(root, 'error')).toBe('1');

    buttonByText(li, '重新打开').click();
    await waitFor(() => expect(findingItem(root, COLUMN).dataset.status).toBe('open'));
    expect(await dismissalsItem.getValue()).toEqual({});
    expect(count(root, 'error')).toBe('2');
    expect(findingItem(root, COLUMN).classList.contains('dismissed')).toBe(false);
    await waitFor(() => expect(refreshes().length).toBe(2));
  });

  it('cancelling the form stores nothing', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    buttonByText(findingItem(root, ROW), '标为误报').click();
    await waitFor(() => $(findingItem(root, ROW), 'input[name=note]'));
    buttonByText(findingItem(root, ROW), '取消').click();
    await waitFor(() => expect(findingItem(root, ROW).querySelector('form')).toBeNull());
    expect(await dismissalsItem.getValue()).toEqual({});
    expect(count(root, 'error')).toBe('2');
  });

  it('keeps other pages’ dismissals and ignores them here', async () => {
    const other = dismissalKey('http://other.gov.cn/a.html', ROW);
    await dismissalsItem.setValue({ [other]: { status: 'verified', note: 'x', at: '2026-01-01T00:00:00.000Z' } });
    fakeBackground(pingtanState());
    const root = await mountPopup();
    expect(count(root, 'error')).toBe('2');
    await mark(root, ROW, '误报', '');
    expect(Object.keys(await dismissalsItem.getValue()).sort()).toEqual([other, dismissalKey(URL_PINGTAN, ROW)].sort());
  });

  it('a dismissal made for the same page with a #fragment applies', async () => {
    fakeBackground(pingtanState({ url: `${URL_PINGTAN}#table3` }));
    await dismissalsItem.setValue({ [dismissalKey(URL_PINGTAN, ROW)]: { status: 'falsePositive', note: '', at: '2026-01-01T00:00:00.000Z' } });
    const root = await mountPopup();
    expect(findingItem(root, ROW).dataset.status).toBe('falsePositive');
    expect(count(root, 'error')).toBe('1');
  });
});

describe('popup: a verdict that cannot be saved', () => {
  it('says so and does not show it as saved (the background writes verdicts)', async () => {
    const bg = fakeBackground(pingtanState());
    bg.verdictError = 'Error: QUOTA_BYTES quota exceeded';
    const root = await mountPopup();
    buttonByText(findingItem(root, ROW), '标为误报').click();
    const input = await waitFor(() => $<HTMLInputElement>(findingItem(root, ROW), 'input[name=note]'));
    typeInto(input, '备注');
    $(findingItem(root, ROW), 'button[type=submit]').click();
    await waitFor(() => expect(text($(root, '.check-message'))).toContain('标记未能保存：Error: QUOTA_BYTES'));
    expect(findingItem(root, ROW).dataset.status).toBe('open');
    expect(await dismissalsItem.getValue()).toEqual({});
  });
});
