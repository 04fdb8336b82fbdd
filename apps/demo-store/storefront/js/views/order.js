import { medusa } from '../api.js';
import { escapeHtml, FINAL_STATUSES, formatDate, formatMoney, STATUS_LABELS } from '../format.js';
import { productByVendorId, state, vendorLabelOf } from '../state.js';
import { setView } from '../ui.js';
import { renderVouchers } from './vouchers.js';

const POLL_MS = 1500;
let activePoll = 0;

/** The order page: summary from Medusa, status and codes from the plugin's codes route, polled until final. */
export async function renderOrder(orderId) {
  const poll = ++activePoll;
  if (!state.customer) {
    setView('<p class="empty">Sign in to see your order. <a href="#/signin">Sign in</a></p>');
    return;
  }
  setView('<p class="loading">Loading your order…</p>');
  let order;
  try {
    order = await medusa.order(orderId);
  } catch (error) {
    setView(
      `<p class="empty">${escapeHtml(error.status === 404 ? 'No such order.' : error.message)} <a href="#/orders">Your orders</a></p>`,
    );
    return;
  }
  const currency = (order.currency_code ?? 'usd').toUpperCase();
  const view = setView(`
    <a class="back" href="#/orders">← Your orders</a>
    <div data-testid="order-page" data-order-id="${escapeHtml(order.id)}">
      <div class="order-head">
        <div>
          <h1>Order #${escapeHtml(order.display_id)}</h1>
          <div class="muted">Placed ${escapeHtml(formatDate(order.created_at))} · codes for ${escapeHtml(order.email)}</div>
        </div>
        <span class="status-pill" data-testid="order-status" data-status="placed"><span class="dot"></span><span data-status-text>${STATUS_LABELS.placed}</span></span>
      </div>
      <ol class="timeline" data-timeline>
        <li class="done" data-step="placed"><strong>Order placed</strong>Paid and confirmed</li>
        <li data-step="processing"><strong>With the vendor</strong>Ordering your cards</li>
        <li data-step="delivered"><strong>Codes delivered</strong>Ready to reveal</li>
      </ol>
      <div class="order-layout">
        <section data-vouchers>
          <div class="waiting" data-testid="order-waiting"><span class="spinner"></span><div><strong>Waiting for the vendor…</strong><br />Your codes appear here as soon as the vendor issues them.</div></div>
        </section>
        <aside class="panel">
          <h2>Summary</h2>
          <div class="stack">
            ${(order.items ?? [])
              .map(
                (item) =>
                  `<div class="totals" style="border:0;padding:0" data-testid="order-item"><div><span>${escapeHtml(item.product_title ?? item.title)} · ${escapeHtml(item.variant_title ?? '')} × ${item.quantity}${vendorLine(item)}</span><span>${escapeHtml(formatMoney(item.total ?? item.unit_price * item.quantity, currency))}</span></div></div>`,
              )
              .join('')}
            <div class="totals">
              <div><span>Delivery</span><span>Free</span></div>
              <div class="grand"><span>Total</span><span>${escapeHtml(formatMoney(order.total, currency))}</span></div>
            </div>
          </div>
        </aside>
      </div>
    </div>
  `);

  let last = '';
  while (poll === activePoll) {
    let codes;
    try {
      codes = await medusa.codes(order.id);
    } catch (error) {
      showStatus(view, 'processing', error.status === 404 ? 'Waiting for the store' : 'Reconnecting…');
      await sleep(POLL_MS * 2);
      continue;
    }
    if (poll !== activePoll) return;
    const signature = JSON.stringify(codes);
    if (signature !== last) {
      last = signature;
      showStatus(view, codes.status);
      // Every vendor's delivery shows as soon as it exists: a mixed order's cards arrive vendor by vendor.
      if (codes.deliveries.length > 0) {
        renderVouchers(view.querySelector('[data-vouchers]'), codes, (vendor, card) =>
          productByVendorId(vendor, card.product_id),
        );
      }
    }
    if (FINAL_STATUSES.has(codes.status)) return;
    await sleep(POLL_MS);
  }
}

/** Who fulfils a line of the order summary. */
function vendorLine(item) {
  const label = vendorLabelOf(item.product_id);
  return label
    ? `<br /><span class="muted small" data-testid="order-item-vendor">Fulfilled by ${escapeHtml(label)}</span>`
    : '';
}

function showStatus(view, status, label) {
  const pill = view.querySelector('[data-testid="order-status"]');
  pill.dataset.status = status;
  view.querySelector('[data-status-text]').textContent = label ?? STATUS_LABELS[status] ?? status;
  const steps = ['placed', 'processing', 'delivered'];
  const reached = FINAL_STATUSES.has(status) ? 2 : 1;
  for (const li of view.querySelectorAll('[data-timeline] li')) {
    const index = steps.indexOf(li.dataset.step);
    li.classList.toggle('done', index < reached || (index === 2 && FINAL_STATUSES.has(status)));
    li.classList.toggle('active', index === reached && !FINAL_STATUSES.has(status));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Leaving the page stops its polling loop. */
export function stopOrderPolling() {
  activePoll++;
}
