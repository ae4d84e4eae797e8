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

if (typeof Office === 'undefined') mount();
else Office.onReady(() => mount());
