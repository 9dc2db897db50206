// Bundled by the benchmark and run inside Chromium: the content script's first question.
import { isReportCandidate } from '../../lib/detect';

(globalThis as unknown as { gipProbe: typeof isReportCandidate }).gipProbe = isReportCandidate;
