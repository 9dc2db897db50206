// @vitest-environment happy-dom
// The privacy policy shown inside the extension is the one the stores get
// (docs/store/privacy-policy.*.md), in both languages, rendered as text.
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { POLICY, PrivacyPolicy, policyBlocks } from '../../components/PrivacyPolicy';
import { MEMORY_CAP } from '../../utils/storage';

describe('privacy policy', () => {
  it('has the same sections in zh-CN and English', () => {
    const shape = (md: string) => policyBlocks(md).map((b) => (b.kind === 'ul' ? `ul${b.items.length}` : b.kind));
    expect(shape(POLICY.en)).toEqual(shape(POLICY.zh));
  });

  it('states the caps the memory really has, and how to delete everything', () => {
    expect(POLICY.zh).toContain(MEMORY_CAP.reports.toLocaleString('en-US'));
    expect(POLICY.en).toContain(`${MEMORY_CAP.bytes / 1_000_000} MB`);
    expect(POLICY.zh).toContain('清除全部数据（含误报/已核实标记和备注）');
    expect(POLICY.en).toContain('Clear all data (with your verdicts and notes)');
  });

  it('renders as text, never as markup', () => {
    const root = document.createElement('div');
    render(<PrivacyPolicy lang="en" />, root);
    expect(root.querySelector('h2')?.textContent).toBe('GIP Report Checker privacy policy');
    expect(root.querySelectorAll('h3').length).toBeGreaterThanOrEqual(6);
    render(<PrivacyPolicy lang="en" text={'# <img src=x onerror=alert(1)>\n- <b>x</b>'} />, root);
    expect(root.querySelector('img, b')).toBeNull();
    expect(root.textContent).toBe('<img src=x onerror=alert(1)><b>x</b>');
  });
});
