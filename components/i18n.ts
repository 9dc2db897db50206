// The popup's words in the popup's language: a preact context over the popup section of
// the one vocabulary (lib/vocabulary.ts).

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { POPUP_WORDS, type Lang, type PopupWords } from '../lib/vocabulary';

export { pickLang, type Lang, type TableId } from '../lib/vocabulary';
export type Messages = PopupWords;

export const MESSAGES: Record<Lang, Messages> = POPUP_WORDS;

export interface I18n {
  lang: Lang;
  t: Messages;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: MESSAGES.zh });
export const useI18n = () => useContext(I18nContext);
