// The survey's progress on the list page itself: a small text badge in the page's corner
// (position: fixed, so nothing on the page moves), in a closed shadow root, with a button
// that removes it. Injected by the survey view (scripting.executeScript, the extension's
// isolated world) into the list's tab, only while that tab still shows the list; `null`
// takes it away. Self-contained: executeScript sends the function's source alone.

export function surveyBadge(text: string | null, closeLabel: string): void {
  const KEY = Symbol.for('gip-report-checker.survey-badge');
  const g = globalThis as unknown as Record<symbol, { host: HTMLElement; line: HTMLElement; closed: boolean } | undefined>;
  const held = g[KEY];
  if (text === null) {
    held?.host.remove();
    g[KEY] = undefined;
    return;
  }
  if (held?.closed) return; // the reviewer took it away: not shown again on this page
  if (held && held.host.isConnected) {
    held.line.textContent = text;
    return;
  }
  const host = document.createElement('gip-survey-badge');
  host.style.cssText = 'all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.style.cssText =
    'display:flex;gap:8px;align-items:center;max-width:360px;padding:6px 10px;background:#fff;color:#1f1f1f;border:1px solid #767676;border-radius:6px;box-shadow:0 2px 6px rgba(0,0,0,.2);font:13px/1.4 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;';
  const line = document.createElement('span');
  line.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', closeLabel);
  close.title = closeLabel;
  close.style.cssText = 'font:inherit;border:1px solid #767676;border-radius:4px;background:#fff;color:#1f1f1f;cursor:pointer;min-width:24px;min-height:24px;';
  const state = { host, line, closed: false };
  close.addEventListener('click', () => {
    host.remove();
    state.closed = true;
  });
  box.append(line, close);
  root.append(box);
  document.documentElement.append(host);
  g[KEY] = state;
}
