/** An in-memory WorkbookPort for component tests: serves a reading and records every call. */
import type { Plan, RawReading } from '../../src/core/types';
import type { WorkbookPort } from '../../src/taskpane/port';

export interface FakePort extends WorkbookPort {
  reading: RawReading;
  plans: Plan[];
  selected: string[];
  bound: Array<[name: string, address: string]>;
  explanations: Array<[id: string, text: string]>;
  cleared: number;
  /** The selection `bindSelection` attaches. */
  selection: string;
  /** Simulates the user editing a cell. */
  edit(): void;
}

export function fakePort(reading: RawReading): FakePort {
  const listeners = new Set<() => void>();
  const port: FakePort = {
    live: true,
    reading,
    plans: [],
    selected: [],
    bound: [],
    explanations: [],
    cleared: 0,
    selection: '基本情况!C3',
    async readAll() {
      return port.reading;
    },
    async applyPlan(plan) {
      port.plans.push(plan);
    },
    async select(address) {
      port.selected.push(address);
    },
    async bindSelection(name) {
      port.bound.push([name, port.selection]);
      port.reading = {
        ...port.reading,
        inputs: {
          ...port.reading.inputs,
          [name]: { name, address: port.selection, values: [['衡阳市科学技术协会']] },
        },
      };
      return port.selection;
    },
    async clearMarks() {
      port.cleared++;
    },
    async writeExplanation(e) {
      port.explanations.push([e.id, e.text]);
    },
    async onUserEdit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    edit() {
      for (const l of listeners) l();
    },
  };
  return port;
}
