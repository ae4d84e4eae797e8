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
