// Options: the sites checked automatically besides *.gov.cn (each one asks the
// browser for that site's permission), and the sites where automatic checking is off.

import { useEffect, useState } from 'preact/hooks';
import { PrivacyPolicy } from '../../components/PrivacyPolicy';
import { OPTIONS_WORDS, pickLang } from '../../lib/vocabulary';
import { patternHost, settingsItem, sitePattern, type Settings } from '../../utils/storage';

const lang = pickLang(navigator.language);
const t = OPTIONS_WORDS[lang];

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch((s) => setSettings(s));
  }, []);
  if (!settings) return null;

  const save = (next: Settings) => settingsItem.setValue(next);

  async function add(e: Event) {
    e.preventDefault();
    const pattern = sitePattern(input);
    if (!pattern) return setMessage(t.badSite);
    // the browser asks the user; nothing is added without their consent
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) return setMessage(t.notGranted);
    await save({ ...settings!, extraSites: [...new Set([...settings!.extraSites, pattern])] });
    setInput('');
    setMessage(t.added(patternHost(pattern)));
  }

  async function removeSite(pattern: string) {
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await save({ ...settings!, extraSites: settings!.extraSites.filter((p) => p !== pattern) });
  }

  return (
    <main style={{ font: '14px/1.6 system-ui, sans-serif', maxWidth: '40rem', margin: '2rem auto', color: '#1f1f1f' }}>
      <h1 style={{ fontSize: '1.3rem' }}>{t.title}</h1>
      <section aria-labelledby="auto-sites">
        <h2 id="auto-sites" style={{ fontSize: '1.05rem' }}>
          {t.autoSites}
        </h2>
        <p>{t.autoSitesHelp}</p>
        <ul>
          <li>*.gov.cn</li>
          {settings.extraSites.map((p) => (
            <li key={p}>
              {patternHost(p)}{' '}
              <button type="button" onClick={() => void removeSite(p)} aria-label={t.removeSite(patternHost(p))}>
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => void add(e)}>
          <label>
            {t.addSite} <input value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} placeholder="example.com" />
          </label>{' '}
          <button type="submit">{t.add}</button>
        </form>
        <p role="status">{message}</p>
      </section>
      <section aria-labelledby="off-sites">
        <h2 id="off-sites" style={{ fontSize: '1.05rem' }}>
          {t.offSites}
        </h2>
        {settings.disabledHosts.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {settings.disabledHosts.map((h) => (
              <li key={h}>
                {h}{' '}
                <button type="button" onClick={() => void save({ ...settings, disabledHosts: settings.disabledHosts.filter((x) => x !== h) })}>
                  {t.checkAgain}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PrivacyPolicy lang={lang} />
    </main>
  );
}
