import { escapeHtml } from '../format.js';
import { state } from '../state.js';
import { $ } from '../ui.js';

/** The header's "signed in as" line. */
export function renderAccountSlot() {
  const slot = $('[data-testid="account-slot"]');
  slot.innerHTML = state.customer
    ? `Hi, ${escapeHtml(state.customer.first_name || state.customer.email)}`
    : '<a href="#/signin" data-testid="sign-in-link">Sign in</a>';
}
