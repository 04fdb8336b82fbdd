import { config } from '../api.js';
import { cardArt } from '../card-art.js';
import {
  codeGroups,
  escapeHtml,
  expiryState,
  formatDate,
  formatMoney,
  httpUrl,
  maskSecret,
  voucherFields,
} from '../format.js';
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

/** `claim_url` → `claim-url`: test ids and class names in one spelling. */
const kebab = (name) => name.replaceAll('_', '-');
const vendorLabel = (vendor) => config.vendors?.[vendor] ?? vendor;

/**
 * The order's vendor deliveries, each with its vendor and status, and the cards delivered so far. Codes, PINs
 * and links never go through innerHTML: the markup holds masks, and a reveal writes the values with
 * textContent. Each value sits on one line (it scrolls sideways when the screen is narrow) and has its own
 * Copy button, which copies the value whole. Revealed cards stay revealed across re-renders of the order.
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
      const fields = voucherFields(card, delivery.vendor);
      cards.push({ key, card, fields });
      const product = productFor(delivery.vendor, card);
      const expiry = expiryState(card.expires_at);
      const hasSecrets = fields.some((field) => field.secret);
      return `<article class="voucher" data-testid="voucher" data-key="${escapeHtml(key)}" data-reference="${escapeHtml(delivery.reference)}" data-vendor="${escapeHtml(delivery.vendor)}" data-revealed="false">
        ${cardArt(product ?? { title: 'Gift card' }, card.face_value?.amount)}
        <div class="voucher-body">
          <h3>${escapeHtml(product?.title ?? `Product ${card.product_id}`)} · ${escapeHtml(formatMoney(card.face_value?.amount, card.face_value?.currency))}</h3>
          <span class="badge" data-testid="voucher-vendor">Fulfilled by ${escapeHtml(vendorLabel(delivery.vendor))}</span>
          ${
            card.code === null
              ? '<p class="muted" data-testid="voucher-pending">The vendor has not issued this code yet.</p>'
              : `<div class="card-fields">
                  ${fields.map((field) => fieldRow(field)).join('')}
                </div>
                ${hasSecrets ? '<div class="voucher-actions"><button type="button" class="button secondary small" data-testid="reveal-code">Reveal</button></div>' : ''}`
          }
          ${
            expiry === 'expired'
              ? `<div class="warning" data-testid="expiry-warning">Expired on ${escapeHtml(formatDate(card.expires_at))}</div>`
              : expiry === 'soon'
                ? `<div class="warning" data-testid="expiry-warning">Expires soon: use it by ${escapeHtml(formatDate(card.expires_at))}</div>`
                : ''
          }
          ${card.expires_at && expiry === 'ok' ? `<div class="voucher-foot"><span>Valid until ${escapeHtml(formatDate(card.expires_at))}</span></div>` : ''}
        </div>
      </article>`;
    });
    const label = DELIVERY_LABELS[delivery.status] ?? delivery.status;
    return `<div class="stack" data-testid="delivery" data-reference="${escapeHtml(delivery.reference)}" data-vendor="${escapeHtml(delivery.vendor)}" data-status="${escapeHtml(delivery.status)}">
      <div class="delivery-head"><strong>${escapeHtml(vendorLabel(delivery.vendor))}</strong><span class="muted">${escapeHtml(label)}${delivery.delivered_at ? ` · ${escapeHtml(formatDate(delivery.delivered_at))}` : ''}</span></div>
      ${rows.length > 0 ? rows.join('') : `<p class="muted delivery-waiting" data-testid="delivery-waiting"><span class="spinner"></span> ${escapeHtml(vendorLabel(delivery.vendor))} is issuing these cards…</p>`}
    </div>`;
  });
  container.innerHTML = `<div class="vouchers">${sections.join('')}</div>`;

  for (const { key, card, fields } of cards) {
    const element = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (card.code === null) continue;
    const reveal = element.querySelector('[data-testid="reveal-code"]');
    const show = (visible) => {
      element.dataset.revealed = String(visible);
      for (const field of fields) {
        const slot = element.querySelector(`[data-field-value="${field.name}"]`);
        writeValue(slot, field, visible || !field.secret);
      }
      if (reveal) reveal.textContent = visible ? 'Hide' : 'Reveal';
    };
    reveal?.addEventListener('click', () => show(element.dataset.revealed !== 'true'));
    for (const field of fields) {
      element.querySelector(`[data-copy-field="${field.name}"]`).addEventListener('click', async () => {
        try {
          // The whole value, never the groups it is shown in.
          await navigator.clipboard.writeText(field.value);
          toast(`${field.label} copied`);
        } catch {
          toast(`Copy is blocked here: reveal the ${field.label.toLowerCase()} and select it`);
        }
      });
    }
    show(revealed.has(key));
  }
}

/** One labelled value with its Copy button; the value itself is written by `writeValue`. */
function fieldRow(field) {
  const id = kebab(field.name);
  return `<div class="card-field" data-testid="voucher-field" data-field="${escapeHtml(field.name)}">
    <span class="secret-label">${escapeHtml(field.label)}</span>
    <div class="secret-row">
      <span class="secret" data-testid="voucher-${id}" data-field-value="${escapeHtml(field.name)}"></span>
      <button type="button" class="button secondary small" data-testid="copy-${id}" data-copy-field="${escapeHtml(field.name)}" aria-label="Copy ${escapeHtml(field.label)}">Copy</button>
    </div>
  </div>`;
}

/**
 * Writes a field's value (or its mask) into its slot with DOM calls only. A long code is shown in groups of
 * four, as boxes with no characters between them, so it reads well and still selects and copies whole; an
 * http(s) claim link becomes a link (anything else stays text).
 */
function writeValue(slot, field, visible) {
  slot.replaceChildren();
  slot.dataset.masked = String(!visible);
  if (!visible) {
    slot.textContent = maskSecret(field.value);
    return;
  }
  if (field.link) {
    const href = httpUrl(field.value);
    if (href) {
      const link = document.createElement('a');
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.dataset.testid = 'redeem-link';
      link.textContent = field.value;
      slot.append(link);
      return;
    }
    slot.textContent = field.value;
    return;
  }
  for (const group of codeGroups(field.value)) {
    const span = document.createElement('span');
    span.className = 'code-group';
    span.textContent = group;
    slot.append(span);
  }
}
