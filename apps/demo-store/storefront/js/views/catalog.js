import { medusa } from '../api.js';
import { cardArt } from '../card-art.js';
import { escapeHtml, formatMoney } from '../format.js';
import { amountsOf, productByHandle, state } from '../state.js';
import { setView, toast } from '../ui.js';
import { openCart, renderCart } from './cart.js';

export function renderHome() {
  const featured = state.products.slice(0, 3);
  const cards = state.products
    .map((product) => {
      const amounts = amountsOf(product);
      const from = amounts[0];
      return `<a class="product-card" href="#/product/${escapeHtml(product.handle)}" data-testid="product-card" data-handle="${escapeHtml(product.handle)}" data-vendor="${escapeHtml(product.metadata?.giftwire_vendor ?? '')}">
        ${cardArt(product)}
        <div>
          <h3>${escapeHtml(product.title)}</h3>
          <div class="muted">${escapeHtml(product.subtitle ?? '')}</div>
        </div>
        <div class="meta">
          <span>${amounts.length > 1 ? 'from ' : ''}<strong>${escapeHtml(from ? formatMoney(from.amount, from.currency) : '')}</strong></span>
          <span class="badge" data-testid="product-vendor">${escapeHtml(product.metadata?.vendor_label ?? 'Digital')}</span>
        </div>
      </a>`;
    })
    .join('');
  setView(`
    <section class="hero">
      <div>
        <h1>Gift cards, delivered in seconds.</h1>
        <p>Pick a brand and an amount, pay, and watch your order go to the vendor and come back as a code —
        shown only to you, hidden until you reveal it.</p>
      </div>
      <div class="hero-cards">${featured.map((product) => cardArt(product, amountsOf(product).at(-1)?.amount)).join('')}</div>
    </section>
    <div class="section-title"><h2>All gift cards</h2><span class="muted">${state.products.length} brands</span></div>
    <div class="grid" data-testid="product-grid">${cards}</div>
  `);
}

export function renderProduct(handle) {
  const product = productByHandle(handle);
  if (!product) {
    setView('<p class="empty">That gift card is not in the shop. <a href="#/">See all gift cards</a></p>');
    return;
  }
  const amounts = amountsOf(product);
  let selected = amounts[Math.min(1, amounts.length - 1)];
  const view = setView(`
    <a class="back" href="#/">← All gift cards</a>
    <div class="product-page" data-testid="product-page" data-handle="${escapeHtml(product.handle)}">
      <div data-art>${cardArt(product, selected?.amount)}</div>
      <div>
        <span class="badge">Fulfilled by ${escapeHtml(product.metadata?.vendor_label ?? 'a vendor')}</span>
        <h1>${escapeHtml(product.title)}</h1>
        <p class="muted">${escapeHtml(product.description ?? '')}</p>
        <div class="amounts" role="group" aria-label="Amount">
          ${amounts
            .map(
              (entry) =>
                `<button type="button" class="amount-option" data-testid="amount-option" data-amount="${escapeHtml(entry.amount)}" data-variant="${escapeHtml(entry.variant.id)}" aria-pressed="${entry === selected}">${escapeHtml(formatMoney(entry.amount, entry.currency))}</button>`,
            )
            .join('')}
        </div>
        <button type="button" class="button block" data-testid="add-to-cart">Add to cart</button>
        <ul class="perks">
          <li>Delivered digitally: your code appears on your order page</li>
          <li>Codes stay hidden until you reveal them</li>
          <li>Free delivery, no shipping address needed</li>
        </ul>
      </div>
    </div>
  `);
  for (const button of view.querySelectorAll('[data-testid="amount-option"]')) {
    button.addEventListener('click', () => {
      selected = amounts.find((entry) => entry.variant.id === button.dataset.variant);
      for (const other of view.querySelectorAll('[data-testid="amount-option"]')) {
        other.setAttribute('aria-pressed', String(other === button));
      }
      view.querySelector('[data-art]').innerHTML = cardArt(product, selected.amount);
    });
  }
  const add = view.querySelector('[data-testid="add-to-cart"]');
  add.addEventListener('click', async () => {
    add.disabled = true;
    try {
      state.cart = await medusa.addItem(state.region.id, selected.variant.id, 1);
      renderCart();
      openCart();
      toast(`${product.title} ${formatMoney(selected.amount, selected.currency)} added`);
    } catch (error) {
      toast(error.message);
    } finally {
      add.disabled = false;
    }
  });
}
