// The survey page's script (entrypoints/survey/index.html loads it): built on its own, as
// the checker is, so the survey's run and view share no chunk with the popup and the
// popup loads none of their code or words. Its styles come in the bundle (the popup's
// look, then the survey's) and are put in the page's head.

import { render } from 'preact';
import popupCss from '../components/popup.css?inline';
import surveyCss from './survey/survey.css?inline';
import { SurveyPage } from './survey/SurveyPage';

export default defineUnlistedScript(() => {
  const style = document.createElement('style');
  style.textContent = `${popupCss}\n${surveyCss}`;
  document.head.append(style);
  const root = document.getElementById('app');
  if (root) render(<SurveyPage />, root);
});
