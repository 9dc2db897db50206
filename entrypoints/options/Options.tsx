// Options: the sites checked automatically besides *.gov.cn (each one asks the
// browser for that site's permission), and the sites where automatic checking is off.

import { useEffect, useState } from 'preact/hooks';
import { PrivacyPolicy } from '../../components/PrivacyPolicy';
import { patternHost, settingsItem, sitePattern, type Settings } from '../../utils/storage';

const zh = (navigator.language || 'zh').toLowerCase().startsWith('zh');
const t = (cn: string, en: string) => (zh ? cn : en);

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
    if (!pattern) return setMessage(t('请输入网站域名，例如 example.com 或 *.example.com', 'Enter a site name such as example.com or *.example.com'));
    // the browser asks the user; nothing is added without their consent
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) return setMessage(t('未获授权，未添加', 'Permission not granted; nothing added'));
    await save({ ...settings!, extraSites: [...new Set([...settings!.extraSites, pattern])] });
    setInput('');
    setMessage(t(`已添加 ${patternHost(pattern)}`, `Added ${patternHost(pattern)}`));
  }

  async function removeSite(pattern: string) {
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    await save({ ...settings!, extraSites: settings!.extraSites.filter((p) => p !== pattern) });
  }

  return (
    <main style={{ font: '14px/1.6 system-ui, sans-serif', maxWidth: '40rem', margin: '2rem auto', color: '#1f1f1f' }}>
      <h1 style={{ fontSize: '1.3rem' }}>{t('年报核对 · 设置', 'GIP Report Checker · Settings')}</h1>
      <section aria-labelledby="auto-sites">
        <h2 id="auto-sites" style={{ fontSize: '1.05rem' }}>
          {t('自动检查的网站', 'Sites checked automatically')}
        </h2>
        <p>{t('政府网站（*.gov.cn）默认自动检查。转载年报的其他网站可在此添加，浏览器会请求该网站的访问权限。', 'Government sites (*.gov.cn) are checked automatically. Add other sites that republish reports; the browser asks for access to each.')}</p>
        <ul>
          <li>*.gov.cn</li>
          {settings.extraSites.map((p) => (
            <li key={p}>
              {patternHost(p)}{' '}
              <button type="button" onClick={() => void removeSite(p)} aria-label={t(`移除 ${patternHost(p)}`, `Remove ${patternHost(p)}`)}>
                {t('移除', 'Remove')}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => void add(e)}>
          <label>
            {t('添加网站', 'Add a site')}{' '}
            <input value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} placeholder="example.com" />
          </label>{' '}
          <button type="submit">{t('添加', 'Add')}</button>
        </form>
        <p role="status">{message}</p>
      </section>
      <section aria-labelledby="off-sites">
        <h2 id="off-sites" style={{ fontSize: '1.05rem' }}>
          {t('已关闭自动检查的网站', 'Sites with automatic checking switched off')}
        </h2>
        {settings.disabledHosts.length === 0 ? (
          <p>{t('无', 'None')}</p>
        ) : (
          <ul>
            {settings.disabledHosts.map((h) => (
              <li key={h}>
                {h}{' '}
                <button type="button" onClick={() => void save({ ...settings, disabledHosts: settings.disabledHosts.filter((x) => x !== h) })}>
                  {t('恢复自动检查', 'Check automatically again')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PrivacyPolicy lang={zh ? 'zh' : 'en'} />
    </main>
  );
}
