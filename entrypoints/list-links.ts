// Injected into the reviewer's tab by the popup when it opens (never by itself, never on
// other pages): the annual reports the page links to and its list's other pages
// (lib/survey/list-page.ts), read from the live page, so the popup can offer
// “检查本页列出的全部年报（N 份）”. It reads links only: nothing is fetched, nothing added
// to the page. Its answer is the result of the injection.

import { readListPage } from '../lib/survey/list-page';
import { SURVEY_LIMITS } from '../utils/survey';

export interface ListLinks {
  url: string;
  title: string;
  reports: ReturnType<typeof readListPage>['reports'];
  next: string[];
}

export default defineUnlistedScript((): ListLinks | null => {
  try {
    const { reports, next } = readListPage(document, location.href);
    return {
      url: location.href,
      title: document.title.slice(0, SURVEY_LIMITS.text),
      reports: reports.slice(0, SURVEY_LIMITS.items),
      next: next.slice(0, SURVEY_LIMITS.listPages),
    };
  } catch {
    return null;
  }
});
