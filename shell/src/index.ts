// Async boundary: shared modules (React, antd…) are negotiated before any of them is evaluated.
// A chunk that fails to load is retried once; then a plain panel (React is not loaded yet) says so.
function showLoadError() {
  const panel = document.createElement('div');
  panel.setAttribute('role', 'alert');
  panel.dataset.testid = 'chunk-error';
  panel.style.cssText = 'max-width:480px;margin:15vh auto;font-family:sans-serif;text-align:center';
  const title = document.createElement('h1');
  title.textContent = 'Le portail n’a pas pu être chargé';
  title.style.fontSize = '20px';
  const text = document.createElement('p');
  text.textContent = 'Une partie de l’application n’a pas pu être téléchargée. Rechargez la page.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Recharger';
  button.onclick = () => window.location.reload();
  panel.append(title, text, button);
  document.body.append(panel);
}

import('./bootstrap')
  .catch(() => new Promise((resolve) => setTimeout(resolve, 500)).then(() => import('./bootstrap')))
  .catch((err: unknown) => {
    console.error('[portail] le portail n’a pas pu être chargé', err);
    showLoadError();
  });
