import { config, medusa } from '../api.js';
import { cardArt } from '../card-art.js';
import { escapeHtml, formatMoney } from '../format.js';
import { state } from '../state.js';
import { busy, setView } from '../ui.js';
import { renderAccountSlot } from './account-slot.js';
import { renderCart } from './cart.js';

export function renderCheckout() {
  const items = state.cart?.items ?? [];
  if (items.length === 0) {
    setView('<p class="empty">Your cart is empty. <a href="#/">Browse gift cards</a></p>');
    return;
  }
  const currency = (state.cart.currency_code ?? 'usd').toUpperCase();
  const view = setView(`
    <a class="back" href="#/">← Continue shopping</a>
    <div class="checkout" data-testid="checkout-page">
      <div>
        <section class="panel" data-account-panel></section>
        <section class="panel">
          <h2>Delivery</h2>
          <div class="option-row" data-testid="delivery-option">
            <div><strong>Digital delivery (email)</strong><small>Codes appear on your order page; we email you a link.</small></div>
            <strong>Free</strong>
          </div>
        </section>
        <section class="panel">
          <h2>Payment</h2>
          <div class="option-row">
            <div><strong>Demo payment</strong><small>Medusa's system provider: no card needed, nothing is charged.</small></div>
            <span class="badge">Test mode</span>
          </div>
        </section>
      </div>
      <aside class="panel">
        <h2>Order summary</h2>
        <div class="stack">
          ${items
            .map(
              (item) => `<div class="line-item">
                ${cardArt(item.product ?? { title: item.title })}
                <div><h4>${escapeHtml(item.product_title ?? item.title)}</h4><div class="muted">${escapeHtml(item.variant_title ?? '')} × ${item.quantity}</div></div>
                <strong>${escapeHtml(formatMoney(item.subtotal ?? item.unit_price * item.quantity, currency))}</strong>
              </div>`,
            )
            .join('')}
          <div class="totals">
            <div><span>Delivery</span><span>Free</span></div>
            <div class="grand"><span>Total</span><span>${escapeHtml(formatMoney(state.cart.item_total ?? state.cart.total, currency))}</span></div>
          </div>
          <button type="button" class="button block" data-testid="place-order">Place order</button>
          <div class="error" data-testid="checkout-error"></div>
        </div>
      </aside>
    </div>
  `);
  renderAccountPanel(view.querySelector('[data-account-panel]'), renderCheckout);
  const place = view.querySelector('[data-testid="place-order"]');
  place.disabled = !state.customer;
  place.addEventListener('click', () =>
    busy(place, view.querySelector('[data-testid="checkout-error"]'), async () => {
      const order = await medusa.checkout(state.customer);
      state.cart = undefined;
      renderCart();
      location.hash = `#/orders/${order.id}`;
    }),
  );
}

/** Sign in / create account, or who is signed in; `onSignedIn` redraws the page around it. */
export function renderAccountPanel(panel, onSignedIn) {
  if (state.customer) {
    panel.innerHTML = `<h2>Account</h2>
      <p data-testid="signed-in-as">Signed in as <strong>${escapeHtml(state.customer.email)}</strong></p>
      <button type="button" class="button secondary small" data-sign-out>Use another account</button>`;
    panel.querySelector('[data-sign-out]').addEventListener('click', () => {
      medusa.signOut();
      state.customer = undefined;
      state.cart = undefined;
      renderCart();
      renderAccountSlot();
      location.hash = '#/';
    });
    return;
  }
  let mode = 'signin';
  const draw = () => {
    const demo = config.demoCustomer;
    panel.innerHTML = `<h2>Sign in</h2>
      <div class="tabs" role="tablist">
        <button type="button" role="tab" data-mode="signin" data-testid="auth-mode-signin" aria-selected="${mode === 'signin'}">Sign in</button>
        <button type="button" role="tab" data-mode="signup" data-testid="auth-mode-signup" aria-selected="${mode === 'signup'}">Create account</button>
      </div>
      <form class="stack" data-testid="auth-form">
        ${
          mode === 'signup'
            ? `<div class="grid" style="grid-template-columns:1fr 1fr;gap:.75rem">
                <label>First name<input name="firstName" required autocomplete="given-name" /></label>
                <label>Last name<input name="lastName" required autocomplete="family-name" /></label>
              </div>`
            : '<p class="muted" style="margin:0">The demo customer is filled in for you.</p>'
        }
        <label>Email<input name="email" type="email" required data-testid="auth-email" autocomplete="email" value="${mode === 'signin' ? escapeHtml(demo.email) : ''}" /></label>
        <label>Password<input name="password" type="password" required minlength="6" data-testid="auth-password" autocomplete="${mode === 'signin' ? 'current-password' : 'new-password'}" value="${mode === 'signin' ? escapeHtml(demo.password) : ''}" /></label>
        <button class="button" type="submit" data-testid="auth-submit">${mode === 'signin' ? 'Sign in' : 'Create account'}</button>
        <div class="error" data-testid="auth-error"></div>
      </form>`;
    for (const tab of panel.querySelectorAll('[data-mode]')) {
      tab.addEventListener('click', () => {
        mode = tab.dataset.mode;
        draw();
      });
    }
    const form = panel.querySelector('form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      busy(
        form.querySelector('[data-testid="auth-submit"]'),
        form.querySelector('[data-testid="auth-error"]'),
        async () => {
          state.customer =
            mode === 'signin'
              ? await medusa.signIn(data.email, data.password)
              : await medusa.signUp({
                  email: data.email,
                  password: data.password,
                  firstName: data.firstName,
                  lastName: data.lastName,
                });
          renderAccountSlot();
          onSignedIn();
        },
      );
    });
  };
  draw();
}

export function renderSignIn() {
  const view = setView(
    '<div style="max-width:460px;margin:0 auto"><section class="panel" data-account-panel></section></div>',
  );
  renderAccountPanel(view.querySelector('[data-account-panel]'), () => {
    location.hash = '#/orders';
  });
}
