// Property tests over the whole pipeline: random consistent reports rendered in
// every markup the fixtures know are read back exactly and raise no error; any
// one changed count is flagged at that cell; random or truncated HTML never throws.
// The properties live in toolkit/properties.ts; `npm run fuzz` runs the same
// ones 10,000 times (nightly, not in CI).

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { arbReportPage } from '../toolkit/arbitrary';
import { arbCutPage, arbOneChange, arbRandomMarkup, consistentHolds, oneChangeFlagged, randomHtmlHolds } from '../toolkit/properties';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);

describe('consistent reports in random markups', () => {
  it('are read back cell for cell, in the right format, with no error finding', () => {
    fc.assert(fc.property(arbReportPage(), consistentHolds), { numRuns: RUNS });
  });
});

describe('one changed count', () => {
  it('is flagged by an error finding that names the changed cell', () => {
    fc.assert(fc.property(arbOneChange(), oneChangeFlagged), { numRuns: RUNS });
  });
});

describe('hostile input', () => {
  it('never throws on random markup', () => {
    fc.assert(fc.property(arbRandomMarkup(), randomHtmlHolds), { numRuns: RUNS });
  });

  it('never throws on a real page cut at any point', () => {
    fc.assert(fc.property(arbCutPage(), randomHtmlHolds), { numRuns: Math.ceil(RUNS / 2) });
  });
});
