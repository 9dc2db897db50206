// Failure isolation in the reader: whatever the DOM does, checkDocument returns one
// internal-error finding (kind 'unreadable', with the diagnostic) instead of throwing.
// A throwing *rule* is covered in tests/rules/grouping.test.ts.

import { describe, expect, it } from 'vitest';
import { checkDocument, type PageCheck } from '../../lib/check';
import { docFromHtml, fixtureHtml } from '../../toolkit/dom';

const PAGE = fixtureHtml('pingtan-2023.html');

function expectReaderFailure(result: PageCheck, diagnostic: string): void {
  expect(result.reading).toMatchObject({ detected: false, kind: 'unreadable', report: null });
  expect(result.reading.nodes.size).toBe(0);
  expect(result.passed).toEqual([]);
  expect(result.incomplete).toEqual([]);
  expect(result.findings).toHaveLength(1);
  const [f] = result.findings;
  expect(f).toMatchObject({ id: 'internal.error:reader', ruleId: 'internal.error', severity: 'warning', cells: [] });
  expect(f!.message).toContain(diagnostic);
  expect(f!.messageEn).toContain(diagnostic);
  expect(f!.messageEn).toContain('reader failed');
}

/** The real report page with one DOM method replaced. */
function breaking<K extends keyof Document>(method: K, impl: (...args: unknown[]) => unknown): Document {
  const doc = docFromHtml(PAGE);
  Object.defineProperty(doc, method, { value: impl, configurable: true });
  return doc;
}

describe('a reader failure', () => {
  it('querySelectorAll throws: one internal error, kind unreadable, the diagnostic kept', () => {
    const doc = breaking('querySelectorAll', () => {
      throw new TypeError('boom');
    });
    expectReaderFailure(checkDocument(doc), 'TypeError: boom');
  });

  it('getElementsByTagName throws during the first probe: the same', () => {
    const doc = breaking('getElementsByTagName', () => {
      throw new RangeError('no tags today');
    });
    expectReaderFailure(checkDocument(doc), 'RangeError: no tags today');
  });

  it('a DOMException-like error from deep inside (a table whose text cannot be read)', () => {
    const doc = docFromHtml(PAGE);
    const table = Array.from(doc.querySelectorAll('table')).find((t) => (t.textContent ?? '').includes('自然人'))!;
    Object.defineProperty(table, 'textContent', {
      get() {
        const e = new Error('The operation is insecure.');
        e.name = 'SecurityError';
        throw e;
      },
    });
    expectReaderFailure(checkDocument(doc), 'SecurityError: The operation is insecure.');
  });

  it('a non-Error value thrown is reported as text', () => {
    const doc = breaking('querySelectorAll', () => {
      throw 'plain string';
    });
    expectReaderFailure(checkDocument(doc), 'plain string');
  });

  it('a document that throws on every access', () => {
    const hostile = new Proxy(
      {},
      {
        get(_t, prop) {
          throw new Error(`no ${String(prop)}`);
        },
      },
    ) as Document;
    const result = checkDocument(hostile);
    expect(result.reading.kind).toBe('unreadable');
    expect(result.findings.map((f) => f.id)).toEqual(['internal.error:reader']);
    expect(result.findings[0]!.message).toMatch(/Error: no /);
  });

  it('does not leak the failure into the next check: the same page reads normally afterwards', () => {
    const broken = breaking('querySelectorAll', () => {
      throw new TypeError('boom');
    });
    expect(checkDocument(broken).reading.kind).toBe('unreadable');
    const ok = checkDocument(docFromHtml(PAGE));
    expect(ok.reading.kind).toBe('report');
    expect(ok.findings.filter((f) => f.ruleId === 'internal.error')).toEqual([]);
  });
});
