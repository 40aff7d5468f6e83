// The console's only script of its own (no inline script: the Content-Security-Policy
// forbids it). htmx requests carry the CSRF token that forms carry as a hidden field.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form whose fields depend on a choice (the message's type, the session's provider) shows
// only the fields of the chosen value: data-fields-by names the select, data-types lists
// the values a field belongs to (without script every field shows and the API ignores those
// the choice does not use).
function showFieldsOf(form) {
  const choice = form.querySelector('select[name="' + form.dataset.fieldsBy + '"]');
  if (!choice) {
    return;
  }
  form.querySelectorAll('[data-types]').forEach((field) => {
    field.hidden = !field.dataset.types.split(' ').includes(choice.value);
  });
}
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('form[data-fields-by]').forEach((form) => {
    showFieldsOf(form);
    form.querySelector('select[name="' + form.dataset.fieldsBy + '"]')
      .addEventListener('change', () => showFieldsOf(form));
  });
  document.querySelectorAll('[data-source-choice]').forEach((choice) => {
    const update = () => {
      const picked = choice.querySelector('input[type="radio"]:checked');
      document.querySelectorAll('[data-source]').forEach((part) => {
        part.hidden = !picked || part.dataset.source !== picked.value;
      });
    };
    choice.addEventListener('change', update);
    update();
  });
});

// A secret shown once: "Copy" puts it on the clipboard and says so.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copy + '-copied');
  let copied = false;
  try {
    await navigator.clipboard.writeText(field.value);
    copied = true;
  }
  catch (ignored) {
    field.select();
    copied = document.execCommand('copy');
  }
  if (status) {
    status.textContent = copied ? 'Copied to the clipboard.' : 'Select the key and copy it (Ctrl+C).';
  }
});

// The header's company switch acts as soon as another company is chosen (its button
// stays for keyboards and for pages without script).
document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-autosubmit]')) {
    event.target.form.requestSubmit();
  }
});

// The dashboard's charts (Chart.js from its webjar): their data is in the canvases'
// data-labels and data-values attributes, never in an inline script.
document.addEventListener('DOMContentLoaded', () => {
  if (typeof Chart === 'undefined') {
    return;
  }
  const brand = getComputedStyle(document.documentElement).getPropertyValue('--brand').trim() || '#0b6e4f';
  const draw = (id, type, options) => {
    const canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    new Chart(canvas, {
      type,
      data: {
        labels: JSON.parse(canvas.dataset.labels),
        datasets: [{ data: JSON.parse(canvas.dataset.values), backgroundColor: brand }],
      },
      options: Object.assign({ animation: false, responsive: true, plugins: { legend: { display: false } } }, options),
    });
  };
  draw('per-minute-chart', 'bar', { scales: { x: { ticks: { maxTicksLimit: 12 } }, y: { beginAtZero: true, ticks: { precision: 0 } } } });
  draw('funnel-chart', 'bar', { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } });
});
