// The console's only script of its own (no inline script: the Content-Security-Policy
// forbids it). htmx requests carry the CSRF token that forms carry as a hidden field.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
