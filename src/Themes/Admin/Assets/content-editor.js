// The admin's content forms: slug from the title, live Markdown preview, master upload with
// progress, copying media URLs. Loaded as a file because the CSP forbids inline script; every form
// still works without it except the master upload, which needs progress reporting.
(() => {
  'use strict';

  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  // The same rules as the server's Slugs.From, so what the editor sees is what gets saved.
  const slugify = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/['\u2019]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).replace(/-+$/, '');

  for (const source of document.querySelectorAll('[data-slug-source]')) {
    const target = document.querySelector(source.dataset.slugSource);
    if (!target) continue;
    let automatic = target.dataset.slugAuto === 'true';
    target.addEventListener('input', () => { automatic = target.value === ''; });
    source.addEventListener('input', () => { if (automatic) target.value = slugify(source.value); });
  }

  for (const area of document.querySelectorAll('[data-markdown-preview]')) {
    const output = document.querySelector(area.dataset.markdownPreview);
    if (!output) continue;
    let timer = 0;
    let latest = 0;
    const render = async () => {
      const request = ++latest;
      try {
        const response = await fetch('/admin/markdown/preview', {
          method: 'POST',
          body: new URLSearchParams({ markdown: area.value }),
          headers: { RequestVerificationToken: token() },
          credentials: 'same-origin',
        });
        const text = await response.text();
        if (request !== latest) return;
        // The server renders with raw HTML disabled and unsafe links dropped, so its HTML is inert.
        if (response.ok) output.innerHTML = text;
        else output.textContent = 'The preview is unavailable: ' + text;
      } catch {
        if (request === latest) output.textContent = 'The preview is unavailable.';
      }
    };
    area.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 250); });
    render();
  }

  const describeSize = (bytes) => bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';

  for (const box of document.querySelectorAll('[data-master-upload]')) {
    const input = box.querySelector('input[type=file]');
    const progress = box.querySelector('progress');
    const status = box.querySelector('[role=status]');
    const key = box.querySelector('[data-master-key]');
    const name = box.querySelector('[data-master-name]');
    const current = box.querySelector('[data-master-current]');
    const submit = box.closest('form')?.querySelector('button[type=submit]');
    input.addEventListener('change', () => {
      const file = input.files[0];
      if (!file) return;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', box.dataset.endpoint + '?name=' + encodeURIComponent(file.name));
      xhr.setRequestHeader('RequestVerificationToken', token());
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      box.dataset.state = 'uploading';
      progress.hidden = false;
      progress.value = 0;
      status.textContent = 'Uploading ' + file.name + '…';
      if (submit) submit.disabled = true;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) progress.value = Math.floor((e.loaded * 100) / e.total);
      };
      const finish = (answer) => {
        if (submit) submit.disabled = false;
        if (xhr.status === 200 && answer.key) {
          progress.value = 100;
          key.value = answer.key;
          name.value = answer.fileName;
          box.dataset.state = 'done';
          const warnings = (answer.warnings ?? []).join(' ');
          status.textContent = `Uploaded ${answer.fileName} (${describeSize(answer.length)}). Save the product to keep it.${warnings ? ' ' + warnings : ''}`;
          current.textContent = 'New file: ' + answer.fileName;
        } else {
          box.dataset.state = 'failed';
          progress.hidden = true;
          input.value = '';
          status.textContent = 'Refused: ' + (answer.problem ?? `the upload failed (HTTP ${xhr.status}).`);
        }
      };
      xhr.onload = () => {
        let answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch { answer = {}; }
        finish(answer);
      };
      xhr.onerror = () => finish({ problem: 'the connection was lost; try again.' });
      xhr.send(file);
    });
  }

  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', async () => {
      const field = document.querySelector(button.dataset.copy);
      if (!field) return;
      const url = new URL(field.value, location.href).href;
      try {
        await navigator.clipboard.writeText(url);
      } catch {
        field.select();
      }
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
  }
})();
