// @vitest-environment happy-dom
// The findings part of the popup: identity, counts, grouping, jumping to a finding,
// keyboard navigation, the severity filter, and page text rendered as text only.

import { describe, expect, it } from 'vitest';
import {
  $,
  buttonByText,
  count,
  fakeBackground,
  findingIds,
  findingItem,
  mountPopup,
  pingtanState,
  press,
  richState,
  sentToTab,
  TAB,
  tabMessages,
  text,
  URL_PINGTAN,
  usePopupTestSetup,
  waitFor,
} from './harness';

usePopupTestSetup();

const ROW = 'applications.rowSum:granted';
const COLUMN = 'applications.outcomeTotal:naturalPerson';
const REVIEW = 'review.groupTotal:review';
const STRUCTURE = 'format.structure:rowMissing.0';
const ACTIVE = 'cell.unit:active.fees.amount';

const focusMessages = () => sentToTab().filter(([, m]) => m.type === 'focus-finding');
const selected = (root: ParentNode) => [...root.querySelectorAll('button[aria-current="true"]')].map((b) => b.closest('li')?.getAttribute('data-finding-id'));

describe('popup: a checked report', () => {
  it('shows the identity and the counts of the real fixture', async () => {
    const state = pingtanState();
    fakeBackground(state);
    const root = await mountPopup();
    expect(text($(root, '[data-testid=agency]'))).toBe('平潭综合实验区');
    expect(text($(root, '[data-testid=year]'))).toBe('2023');
    expect(text($(root, '[data-testid=format]'))).toBe('2021 格式');
    // the real page's PubDate meta (2024-03-08 09:05)
    expect(text($(root, '[data-testid=pub-date]'))).toBe('2024-03-08（页面元数据）');
    expect(root.textContent).toContain(URL_PINGTAN);
    expect([count(root, 'error'), count(root, 'warning'), count(root, 'info')]).toEqual(['2', '0', '0']);
    expect(text($(root, '[data-testid=count-error]'))).toContain('错误');
  });

  it('names the 2019 trial format', async () => {
    const state = pingtanState();
    fakeBackground({ ...state, report: { ...state.report!, format: '2019' } });
    const root = await mountPopup();
    expect(text($(root, '[data-testid=format]'))).toBe('2019 试行格式');
  });

  it('groups by table (二, 三, 四, 其他) then rule, with the grouped column finding indented under its row', async () => {
    fakeBackground(richState());
    const root = await mountPopup();
    expect([...root.querySelectorAll('.table-group h3')].map(text)).toEqual(['表二 主动公开', '表三 依申请公开', '表四 复议诉讼', '其他']);
    expect(findingIds(root)).toEqual([ACTIVE, ROW, COLUMN, REVIEW, STRUCTURE]);
    // the column finding sits in the row-sum rule group, as a child of the row finding
    const rowGroup = $(root, '.rule-group[data-rule="applications.rowSum"]');
    expect(findingIds(rowGroup)).toEqual([ROW, COLUMN]);
    expect(findingItem(root, COLUMN).classList.contains('child')).toBe(true);
    expect(findingItem(root, ROW).classList.contains('child')).toBe(false);
    // rule headings carry the rules' Chinese descriptions
    expect(text($(rowGroup, 'h4'))).toContain('表三每一行的“总计”应等于自然人与五类法人或其他组织之和');
    // the row finding names the likely wrong cell
    expect(text(findingItem(root, ROW))).toContain('最可能出错的单元格：（一）予以公开 / 自然人');
  });

  it('talks to the checker of the frame whose report it shows (on demand every frame of a page runs one)', async () => {
    fakeBackground({ ...pingtanState(), frameId: 4 });
    const root = await mountPopup();
    $(findingItem(root, COLUMN), 'button.finding-button').click();
    await waitFor(() =>
      expect(tabMessages.mock.calls.filter((c) => (c[1] as { type: string }).type === 'focus-finding')).toEqual([
        [TAB, { type: 'focus-finding', findingId: COLUMN }, { frameId: 4 }],
      ]),
    );
  });

  it('clicking a finding selects it and asks the page to show it', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    $(findingItem(root, COLUMN), 'button.finding-button').click();
    await waitFor(() => expect(focusMessages()).toEqual([[TAB, { type: 'focus-finding', findingId: COLUMN }]]));
    expect(selected(root)).toEqual([COLUMN]);
    $(findingItem(root, ROW), 'button.finding-button').click();
    await waitFor(() => expect(focusMessages().at(-1)).toEqual([TAB, { type: 'focus-finding', findingId: ROW }]));
    expect(selected(root)).toEqual([ROW]);
  });

  it('J/K and ↓/↑ move the selection in listed order, focus it and show it on the page; Enter shows it again', async () => {
    fakeBackground(richState());
    const root = await mountPopup();
    const step = async (key: string, id: string) => {
      const before = focusMessages().length;
      expect(press(key).defaultPrevented).toBe(true);
      await waitFor(() => expect(focusMessages().length).toBe(before + 1));
      expect(focusMessages().at(-1)).toEqual([TAB, { type: 'focus-finding', findingId: id }]);
      expect(selected(root)).toEqual([id]);
      expect(document.activeElement?.closest('li')?.getAttribute('data-finding-id')).toBe(id);
    };
    await step('j', ACTIVE);
    await step('j', ROW);
    await step('J', COLUMN);
    await step('k', ROW);
    await step('ArrowDown', COLUMN);
    await step('ArrowDown', REVIEW);
    await step('ArrowDown', STRUCTURE);
    await step('ArrowDown', STRUCTURE); // stays on the last
    await step('ArrowUp', REVIEW);
    // Enter with focus outside the list shows the selection again
    (document.activeElement as HTMLElement).blur();
    await step('Enter', REVIEW);
  });

  it('does not take J/K typed into a text field', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    buttonByText(findingItem(root, ROW), '标为误报').click();
    const input = await waitFor(() => $<HTMLInputElement>(findingItem(root, ROW), 'input[name=note]'));
    const e = press('j', input);
    expect(e.defaultPrevented).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(focusMessages()).toEqual([]);
    expect(selected(root)).toEqual([]);
  });

  it('filters by severity; counts stay; J/K walks only what is shown', async () => {
    fakeBackground(richState());
    const root = await mountPopup();
    const box = (label: string) =>
      [...root.querySelectorAll<HTMLInputElement>('fieldset.filter input')].find((i) => text(i.closest('label')).startsWith(label))!;
    box('错误').click();
    await waitFor(() => expect(findingIds(root)).toEqual([ACTIVE, REVIEW, STRUCTURE]));
    expect(count(root, 'error')).toBe('2');
    box('提示').click();
    await waitFor(() => expect(findingIds(root)).toEqual([REVIEW, STRUCTURE]));
    press('j', document.body);
    await waitFor(() => expect(focusMessages().at(-1)).toEqual([TAB, { type: 'focus-finding', findingId: REVIEW }]));
    box('警告').click();
    await waitFor(() => expect(findingIds(root)).toEqual([]));
    expect(root.textContent).toContain('所选类别中没有发现');
    box('错误').click();
    await waitFor(() => expect(findingIds(root)).toEqual([ROW, COLUMN]));
  });

  it('a grouped finding whose primary is filtered out is listed on its own', async () => {
    const state = richState();
    // make the row finding a warning so the error filter hides only the column finding's primary
    state.findings = state.findings.map((f) => (f.id === ROW ? { ...f, severity: 'warning' as const } : f));
    fakeBackground(state);
    const root = await mountPopup();
    [...root.querySelectorAll<HTMLInputElement>('fieldset.filter input')].find((i) => text(i.closest('label')).startsWith('警告'))!.click();
    await waitFor(() => expect(findingIds(root)).toEqual([ACTIVE, COLUMN]));
    expect(findingItem(root, COLUMN).classList.contains('child')).toBe(false);
  });

  it('renders hostile page text as text, never as HTML', async () => {
    const state = pingtanState();
    const hostile = '<img src=x onerror=alert(1)>';
    state.findings[0] = { ...state.findings[0]!, message: `恶意 ${hostile}`, equation: hostile };
    state.report = { ...state.report!, agency: `<b>${hostile}</b>` };
    state.passed[0] = { ...state.passed[0]!, scope: hostile };
    fakeBackground(state);
    const root = await mountPopup();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(text($(root, '[data-testid=agency]'))).toBe(`<b>${hostile}</b>`);
    expect(root.textContent).toContain(`恶意 ${hostile}`);
  });

  it('shows the checks that passed, collapsed, with rule descriptions and scopes', async () => {
    const state = pingtanState();
    state.incomplete = [{ ruleId: 'review.groupTotal', scope: 'litigationDirect', cells: ['review.litigationDirect.total'], reason: '单元格无法读取' }];
    fakeBackground(state);
    const root = await mountPopup();
    const details = $<HTMLDetailsElement>(root, 'details[data-testid=checks]');
    expect(details.open).toBe(false);
    expect(text($(details, 'summary'))).toBe(`${state.passed.length} 项校验通过 · 1 项待人工核对`);
    expect(state.passed.length).toBeGreaterThan(40);
    const passed = $(details, '[data-testid=passed]');
    expect(text(passed)).toContain('表三每一行的“总计”应等于自然人与五类法人或其他组织之和');
    expect(text(passed)).toContain('applications.rowSum');
    expect(passed.querySelectorAll('code').length).toBe(state.passed.length + new Set(state.passed.map((p) => p.ruleId)).size);
    expect(text($(details, '[data-testid=incomplete]'))).toContain('litigationDirect');
    expect(text($(details, '[data-testid=incomplete]'))).toContain('单元格无法读取');
  });

  it('says so when a report has no findings', async () => {
    fakeBackground({ ...pingtanState(), findings: [], counts: { error: 0, warning: 0, info: 0 } });
    const root = await mountPopup();
    expect(root.textContent).toContain('未发现问题');
    expect(count(root, 'error')).toBe('0');
  });
});

describe('popup in English', () => {
  usePopupTestSetup('en-US');
  it('uses the English dictionary and English finding messages', async () => {
    fakeBackground(pingtanState());
    const root = await mountPopup();
    expect(text($(root, 'h1'))).toBe('GIP Report Checker');
    expect(text($(root, '[data-testid=count-error]'))).toContain('Errors');
    expect(root.textContent).toContain('the applicant columns add up to 25');
    expect(root.textContent).not.toContain('各申请人类型之和');
    expect(document.documentElement.lang).toBe('en');
  });
});
