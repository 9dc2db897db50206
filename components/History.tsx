// The report memory in one line: how many reports are remembered, and a way to forget them.

import { useEffect, useState } from 'preact/hooks';
import { reportsItem } from '../utils/storage';
import { useI18n } from './i18n';

export function History() {
  const { t } = useI18n();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    void reportsItem.getValue().then((r) => setCount(Object.keys(r).length));
    return reportsItem.watch((r) => setCount(Object.keys(r ?? {}).length));
  }, []);

  async function clear() {
    if (!confirm(t.confirmClear)) return;
    await reportsItem.setValue({});
    setCount(0);
  }

  return (
    <footer class="history">
      <span data-testid="history-count">{count === null ? '' : t.history(count)}</span>{' '}
      <button type="button" class="small" disabled={!count} onClick={() => void clear()}>
        {t.clearHistory}
      </button>
    </footer>
  );
}
