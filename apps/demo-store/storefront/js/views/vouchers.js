import { config } from '../api.js';
import { cardArt } from '../card-art.js';
import { escapeHtml, expiryState, formatDate, formatMoney, httpUrl, maskSecret } from '../format.js';
import { toast } from '../ui.js';

/** A delivery's `status` is giftwire's order status at the vendor. */
const DELIVERY_LABELS = {
  pending: 'Ordering',
  processing: 'With the vendor',
  fulfilled: 'Delivered',
  partially_fulfilled: 'Partly delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * The delivered cards. Codes and PINs never go through innerHTML: the markup holds masks, and a reveal
 * writes the value with textContent. Revealed cards stay revealed across re-renders of the same order.
 */
export function renderVouchers(container, codes, productFor) {
  const revealed = new Set(
    [...container.querySelectorAll('[data-testid="voucher"][data-revealed="true"]')].map(
      (el) => el.dataset.key,
    ),
  );
  const cards = [];
  const sections = codes.deliveries.map((delivery) => {
    const rows = delivery.cards.map((card, index) => {
      const key = `${delivery.reference}:${index}`;
      cards.push({ key, card });
      const product = productFor(card);
      const expiry = expiryState(card.expires_at);
      return `<article class="voucher" data-testid="voucher" data-key="${escapeHtml(key)}" data-reference="${escapeHtml(delivery.reference)}" data-revealed="false">
        ${cardArt(product ?? { title: 'Gift card' }, card.face_value?.amount)}
        <div>
          <h3>${escapeHtml(product?.title ?? `Product ${card.product_id}`)} · ${escapeHtml(formatMoney(card.face_value?.amount, card.face_value?.currency))}</h3>
          ${
            card.code === null
              ? '<p class="muted" data-testid="voucher-pending">The vendor has not issued this code yet.</p>'
              : `<span class="secret-label">Code</span>
                 <div class="secret-row">
                   <span class="secret" data-testid="voucher-code">${escapeHtml(maskSecret(card.code))}</span>
                   <button type="button" class="button secondary small" data-testid="reveal-code">Reveal</button>
                   <button type="button" class="button secondary small" data-testid="copy-code">Copy</button>
                 </div>
                 ${
                   card.pin
                     ? `<span class="secret-label">PIN</span><div class="secret-row"><span class="secret" data-testid="voucher-pin">${escapeHtml(maskSecret(card.pin))}</span></div>`
                     : ''
                 }`
          }
          ${
            expiry === 'expired'
              ? `<div class="warning" data-testid="expiry-warning">Expired on ${escapeHtml(formatDate(card.expires_at))}</div>`
              : expiry === 'soon'
                ? `<div class="warning" data-testid="expiry-warning">Expires soon: use it by ${escapeHtml(formatDate(card.expires_at))}</div>`
                : ''
          }
          <div class="voucher-foot">
            ${httpUrl(card.claim_url) ? `<a class="button small" data-testid="redeem-link" target="_blank" rel="noopener noreferrer" href="${escapeHtml(httpUrl(card.claim_url))}">Redeem</a>` : ''}
            ${card.expires_at && expiry === 'ok' ? `<span>Valid until ${escapeHtml(formatDate(card.expires_at))}</span>` : ''}
            ${card.serial ? `<span>Serial ${escapeHtml(card.serial)}</span>` : ''}
          </div>
        </div>
      </article>`;
    });
    return `<div class="stack" data-testid="delivery" data-reference="${escapeHtml(delivery.reference)}" data-status="${escapeHtml(delivery.status)}">
      <div class="muted">Fulfilled by ${escapeHtml(config.vendors?.[delivery.vendor] ?? delivery.vendor)} · ${escapeHtml(DELIVERY_LABELS[delivery.status] ?? delivery.status)}${delivery.delivered_at ? ` · ${escapeHtml(formatDate(delivery.delivered_at))}` : ''}</div>
      ${rows.join('')}
    </div>`;
  });
  container.innerHTML = `<div class="vouchers">${sections.join('')}</div>`;

  for (const { key, card } of cards) {
    const element = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (!card.code) continue;
    const code = element.querySelector('[data-testid="voucher-code"]');
    const pin = element.querySelector('[data-testid="voucher-pin"]');
    const reveal = element.querySelector('[data-testid="reveal-code"]');
    const show = (visible) => {
      element.dataset.revealed = String(visible);
      code.textContent = visible ? card.code : maskSecret(card.code);
      if (pin) pin.textContent = visible ? card.pin : maskSecret(card.pin);
      reveal.textContent = visible ? 'Hide' : 'Reveal';
    };
    reveal.addEventListener('click', () => show(element.dataset.revealed !== 'true'));
    element.querySelector('[data-testid="copy-code"]').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(card.code);
        toast('Code copied');
      } catch {
        toast('Copy is blocked here: reveal the code and select it');
      }
    });
    if (revealed.has(key)) show(true);
  }
}
