// jsdom lacks these; Fluent's MessageBar needs ResizeObserver and docx's Packer needs TextEncoder.
import { TextDecoder, TextEncoder } from 'util';

if (typeof window !== 'undefined') {
  const g = globalThis as Record<string, unknown>;
  if (!g.ResizeObserver)
    g.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  if (!g.TextEncoder) g.TextEncoder = TextEncoder;
  if (!g.TextDecoder) g.TextDecoder = TextDecoder;
}

// A pane run evaluates the whole engine before its message appears: on a loaded 2-core CI machine that
// can take longer than testing-library's 1 s default wait, which made findByText fail by timing alone.
if (typeof window !== 'undefined') {
  // The dom library's configure, not React's: loading @testing-library/react here, before jest defines
  // afterEach, would skip its automatic cleanup between tests.
  const { configure } = require('@testing-library/dom') as typeof import('@testing-library/dom');
  configure({ asyncUtilTimeout: 20000 });
}
