/** The Office (office.js) host: read the named inputs, apply a plan, clear marks. */
export { readInputs } from './reader';
export { applyPlan, clearMarks } from './apply';
export type { ApplyOptions } from './apply';
