/** Task pane entry: mount the App over the office port once Office is ready. */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { officePort } from './officePort';
import { stringsFor } from './strings';

function mount() {
  const root = document.getElementById('container');
  if (!root) return;
  const language = typeof Office !== 'undefined' ? Office.context?.displayLanguage : navigator.language;
  // Outside Excel (browser tests inject an Excel double) there is no Excel global until injected.
  const port = typeof Excel !== 'undefined' ? officePort() : null;
  createRoot(root).render(<App port={port} strings={stringsFor(language || navigator.language)} />);
}

// old-host.js already told an IE11 / EdgeHTML host's user what to do; mounting would only hide it.
const oldHost = !!(window as unknown as { __jixiaoOldHost?: string }).__jixiaoOldHost;
if (oldHost) {
  // nothing to mount
} else if (typeof Office === 'undefined') mount();
else Office.onReady(() => mount());
