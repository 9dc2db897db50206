// The privacy policy inside the extension (the options page), from the same files the
// stores get (docs/store/privacy-policy.*.md): one text, read as plain lines — headings,
// list items, paragraphs — and rendered as text, never as HTML.

import zhPolicy from '../docs/store/privacy-policy.zh-CN.md?raw';
import enPolicy from '../docs/store/privacy-policy.en.md?raw';
import type { ComponentChildren } from 'preact';

type Block = { kind: 'h1' | 'h2' | 'p'; text: string } | { kind: 'ul'; items: string[] };

/** The policy's markdown as blocks: `# `, `## `, `- ` lists, paragraphs (the only forms the files use). */
export function policyBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const text = line.trim();
    if (!text) continue;
    if (text.startsWith('## ')) blocks.push({ kind: 'h2', text: text.slice(3) });
    else if (text.startsWith('# ')) blocks.push({ kind: 'h1', text: text.slice(2) });
    else if (text.startsWith('- ')) {
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'ul') last.items.push(text.slice(2));
      else blocks.push({ kind: 'ul', items: [text.slice(2)] });
    } else blocks.push({ kind: 'p', text });
  }
  return blocks;
}

export const POLICY = { zh: zhPolicy, en: enPolicy } as const;

export function PrivacyPolicy({ lang, text = POLICY[lang] }: { lang: 'zh' | 'en'; text?: string }) {
  const out: ComponentChildren[] = policyBlocks(text).map((b, i) =>
    b.kind === 'ul' ? (
      <ul key={i}>
        {b.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    ) : b.kind === 'h1' ? (
      <h2 key={i} style={{ fontSize: '1.05rem' }}>
        {b.text}
      </h2>
    ) : b.kind === 'h2' ? (
      <h3 key={i} style={{ fontSize: '1rem' }}>
        {b.text}
      </h3>
    ) : (
      <p key={i}>{b.text}</p>
    ),
  );
  return (
    <section aria-label={lang === 'zh' ? '隐私政策' : 'Privacy policy'} id="privacy">
      {out}
    </section>
  );
}
