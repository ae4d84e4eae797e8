/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node', // per file: /** @jest-environment jsdom */
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: { jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, isolatedModules: true } },
    ],
  },
  setupFiles: ['<rootDir>/test/setup.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/helpers/plainSummary.js'],
};
