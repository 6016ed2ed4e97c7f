// Printing a document: the date it is printed, for the foot of every sheet and the block
// at its top (without JavaScript the block says when the site was built), and every
// <details> open on paper, closed again afterwards.
(() => {
  const root = document.documentElement;
  const two = (n) => String(n).padStart(2, '0');
  const stamp = () => {
    const d = new Date();
    const text = `Utskriven ${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
    root.setAttribute('data-print-date', text);
    for (const el of document.querySelectorAll('.print-date')) el.textContent = text;
  };
  let opened = [];
  window.addEventListener('beforeprint', () => {
    stamp();
    opened = [...document.querySelectorAll('details:not([open])')];
    for (const d of opened) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
  stamp();
})();
