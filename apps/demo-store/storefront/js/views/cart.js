import { medusa } from '../api.js';
import { cardArt } from '../card-art.js';
import { escapeHtml, formatMoney } from '../format.js';
import { cartCount, state, vendorLabelOf } from '../state.js';
import { $ } from '../ui.js';

export function openCart() {
  $('[data-testid="cart-drawer"]').classList.add('open');
  $('[data-testid="cart-drawer"]').setAttribute('aria-hidden', 'false');
}

export function closeCart() {
  $('[data-testid="cart-drawer"]').classList.remove('open');
  $('[data-testid="cart-drawer"]').setAttribute('aria-hidden', 'true');
}

export function renderCart() {
  $('[data-testid="cart-count"]').textContent = String(cartCount());
  const body = $('[data-cart-body]');
  const items = state.cart?.items ?? [];
  if (items.length === 0) {
    body.innerHTML =
      '<p class="empty">Your cart is empty.<br /><a href="#/" data-close-drawer>Browse gift cards</a></p>';
    return;
  }
  const currency = (state.cart.currency_code ?? 'usd').toUpperCase();
  body.innerHTML = `
    ${items
      .map(
        (item) => `<div class="line-item" data-testid="cart-line" data-line="${escapeHtml(item.id)}">
          ${cardArt(item.product ?? { title: item.title })}
          <div>
            <h4>${escapeHtml(item.product_title ?? item.title)}</h4>
            <div class="muted">${escapeHtml(item.variant_title ?? '')}${vendorLabelOf(item.product_id) ? ` · ${escapeHtml(vendorLabelOf(item.product_id))}` : ''}</div>
            <div class="qty">
              <button type="button" data-qty="-1" aria-label="One less">−</button>
              <span>${item.quantity}</span>
              <button type="button" data-qty="1" aria-label="One more">+</button>
            </div>
          </div>
          <strong>${escapeHtml(formatMoney(item.subtotal ?? item.unit_price * item.quantity, currency))}</strong>
        </div>`,
      )
      .join('')}
    <div class="totals">
      <div><span>Subtotal</span><span>${escapeHtml(formatMoney(state.cart.item_subtotal ?? state.cart.subtotal, currency))}</span></div>
      <div><span>Digital delivery (email)</span><span>Free</span></div>
      <div class="grand"><span>Total</span><span data-testid="cart-total">${escapeHtml(formatMoney(state.cart.item_total ?? state.cart.total, currency))}</span></div>
    </div>
    <a class="button block" href="#/checkout" data-testid="checkout-button" data-close-drawer>Checkout</a>
  `;
  for (const row of body.querySelectorAll('[data-testid="cart-line"]')) {
    for (const button of row.querySelectorAll('[data-qty]')) {
      button.addEventListener('click', async () => {
        const item = items.find((candidate) => candidate.id === row.dataset.line);
        button.disabled = true;
        state.cart = await medusa.setQuantity(item.id, item.quantity + Number(button.dataset.qty));
        renderCart();
      });
    }
  }
}
