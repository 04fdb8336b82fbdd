// The storefront: hash routes over Medusa's store API. Loaded as an ES module, no build step.
import { config, loadConfig, medusa } from './api.js';
import { escapeHtml } from './format.js';
import { state } from './state.js';
import { $, setView } from './ui.js';
import { renderAccountSlot } from './views/account-slot.js';
import { closeCart, openCart, renderCart } from './views/cart.js';
import { renderHome, renderProduct } from './views/catalog.js';
import { renderCheckout, renderSignIn } from './views/checkout.js';
import { renderOrder, stopOrderPolling } from './views/order.js';
import { renderOrders } from './views/orders.js';

const routes = [
  [/^#?\/?$/, () => renderHome()],
  [/^#\/product\/([\w-]+)$/, (handle) => renderProduct(handle)],
  [/^#\/checkout$/, () => renderCheckout()],
  [/^#\/signin$/, () => renderSignIn()],
  [/^#\/orders$/, () => renderOrders()],
  [/^#\/orders\/([\w-]+)$/, (id) => renderOrder(id)],
];

async function route() {
  stopOrderPolling();
  closeCart();
  const hash = location.hash || '#/';
  for (const [pattern, render] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      try {
        await render(...match.slice(1));
      } catch (error) {
        setView(`<p class="empty">Something went wrong: ${escapeHtml(error.message)}</p>`);
      }
      return;
    }
  }
  setView('<p class="empty">Page not found. <a href="#/">Back to the shop</a></p>');
}

async function start() {
  await loadConfig();
  $('[data-footer-links]').innerHTML =
    `<a href="${config.medusaUrl}/health" target="_blank" rel="noopener">Medusa API</a><a href="${config.expressApiUrl}/health" target="_blank" rel="noopener">Express API</a>`;
  state.region = await medusa.region();
  let products;
  [products, state.customer, state.cart] = await Promise.all([
    medusa.products(state.region.id),
    medusa.me(),
    medusa.cart(),
  ]);
  // The seed's order (products created together share created_at).
  state.products = products.sort((a, b) => (a.metadata?.position ?? 99) - (b.metadata?.position ?? 99));
  renderAccountSlot();
  renderCart();
  $('[data-testid="cart-button"]').addEventListener('click', openCart);
  $('[data-testid="cart-drawer"]').addEventListener('click', (event) => {
    if (event.target === event.currentTarget || event.target.closest('[data-close-drawer]')) closeCart();
  });
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  setView(`<p class="empty">The shop could not load: ${escapeHtml(error.message)}</p>`);
});
