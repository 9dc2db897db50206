import { render } from 'preact';
import '../../components/popup.css';
import './survey.css';
import { SurveyPage } from './SurveyPage';

const root = document.getElementById('app');
if (root) render(<SurveyPage />, root);
