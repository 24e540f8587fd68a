// The admin menu folds behind a "Menu" button on narrow screens. Without this script the button stays
// hidden and the menu stays open, so the admin works without JavaScript.
(() => {
  const button = document.querySelector('.admin-menu-toggle');
  const nav = document.getElementById('admin-nav');
  if (!button || !nav) return;
  const narrow = window.matchMedia('(max-width: 47.99rem)');
  const set = open => {
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('admin-nav--folded', !open);
  };
  button.hidden = false;
  set(!narrow.matches);
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  narrow.addEventListener('change', () => set(!narrow.matches));
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && narrow.matches && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
})();
