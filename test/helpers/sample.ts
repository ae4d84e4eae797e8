/** The sample department (衡阳市科学技术协会 2021) as stated in its published 2021 自评报告 (transcribed, inconsistencies included, in samples/衡阳市科协-2021.json), for tests. */
import * as fs from 'fs';
import * as path from 'path';
import { InputValues, templateReading } from '../../src/core/fill';
import { buildModel, Model } from '../../src/core/model';
import type { RawReading } from '../../src/core/types';

export const SAMPLE_JSON = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.json');
export const SAMPLE_XLSX = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');

export function sampleValues(): InputValues {
  return JSON.parse(fs.readFileSync(SAMPLE_JSON, 'utf8')) as InputValues;
}

export function sampleReading(overrides: InputValues = {}): RawReading {
  return templateReading({ ...sampleValues(), ...overrides });
}

export function sampleModel(overrides: InputValues = {}): Model {
  return buildModel(sampleReading(overrides));
}
