import { medusa } from '../api.js';
import { escapeHtml, formatDate, formatMoney } from '../format.js';
import { state } from '../state.js';
import { setView } from '../ui.js';

export async function renderOrders() {
  if (!state.customer) {
    setView('<p class="empty">Sign in to see your orders. <a href="#/signin">Sign in</a></p>');
    return;
  }
  setView('<p class="loading">Loading your orders…</p>');
  const orders = await medusa.orders();
  setView(`
    <div class="section-title"><h2>Your orders</h2><span class="muted">${escapeHtml(state.customer.email)}</span></div>
    ${
      orders.length === 0
        ? '<p class="empty">No orders yet. <a href="#/">Pick a gift card</a></p>'
        : `<div class="orders-list">${orders
            .map(
              (
                order,
              ) => `<a class="order-row" href="#/orders/${escapeHtml(order.id)}" data-testid="order-row">
                <span><strong>Order #${escapeHtml(order.display_id)}</strong><br /><span class="muted">${escapeHtml(formatDate(order.created_at))} · ${(order.items ?? []).length} item(s)</span></span>
                <strong>${escapeHtml(formatMoney(order.total, (order.currency_code ?? 'usd').toUpperCase()))}</strong>
              </a>`,
            )
            .join('')}</div>`
    }
  `);
}
