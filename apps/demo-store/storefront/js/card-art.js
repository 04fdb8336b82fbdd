import { escapeHtml, formatMoney } from './format.js';

const FALLBACK_ART = { from: '#334155', to: '#94a3b8', ink: '#f8fafc', monogram: 'GC' };

/** A gift card painted in CSS from the product's metadata (the demo ships no image files). */
export function cardArt(product, amount) {
  const art = { ...FALLBACK_ART, ...(product?.metadata?.art ?? {}) };
  const style = `--art-from:${art.from};--art-to:${art.to};--art-ink:${art.ink}`;
  return `<div class="gift-art" style="${escapeHtml(style)}" aria-hidden="true">
    <span class="monogram">${escapeHtml(art.monogram)}</span>
    <span class="art-title">${escapeHtml(product?.title ?? 'Gift card')}</span>
    ${amount ? `<span class="art-amount">${escapeHtml(formatMoney(amount))}</span>` : ''}
  </div>`;
}
