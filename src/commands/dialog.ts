/** The message dialog the ribbon command opens: title and message come in the query string, shown as text. */
function show(): void {
  const q = new URLSearchParams(location.search);
  const title = document.getElementById('title');
  const message = document.getElementById('message');
  if (title) title.textContent = q.get('title') ?? '绩效自评助手';
  if (message) message.textContent = q.get('message') ?? '';
  document.getElementById('close')?.addEventListener('click', () => {
    if (typeof Office !== 'undefined' && Office.context?.ui?.messageParent)
      Office.context.ui.messageParent('close');
    else window.close();
  });
}

if (typeof Office === 'undefined') show();
else Office.onReady(() => show());
