// Small DOM helpers shared by the views.

export const $ = (selector, root = document) => root.querySelector(selector);

let toastTimer;
export function toast(message) {
  const element = $('[data-testid="toast"]');
  element.textContent = message;
  element.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => element.classList.remove('show'), 2200);
}

export function setView(html) {
  const view = $('#view');
  view.innerHTML = html;
  window.scrollTo({ top: 0 });
  return view;
}

/** Runs an async action with the button disabled, showing the error next to it. */
export async function busy(button, errorSlot, action) {
  button.disabled = true;
  if (errorSlot) errorSlot.textContent = '';
  try {
    return await action();
  } catch (error) {
    if (errorSlot) errorSlot.textContent = error.message;
    else toast(error.message);
    return undefined;
  } finally {
    button.disabled = false;
  }
}
