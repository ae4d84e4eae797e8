/** @jest-environment jsdom */
// The task pane builds the same .docx in the browser: no Buffer, no fs.
import { sampleDocx } from './docxFixture';

test('reportToDocx works under jsdom and returns zip bytes', async () => {
  const { bytes } = await sampleDocx();
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
  expect(bytes.length).toBeGreaterThan(10_000);
});
