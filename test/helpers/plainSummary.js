/**
 * A jest reporter that ends the run with one plain line, "jixiao: N passed, N failed[, N skipped]",
 * the closing line CI tools read whatever the test runner.
 */
class PlainSummary {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `jixiao: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`
    );
  }
}
module.exports = PlainSummary;
