/**
 * The data sets of the training lab: the generated ones (seeded, split into train and test) and a CSV
 * given as text. Points come back as typed arrays, training rows first.
 */
import { native, type NativeDataset, type NativeDatasetInfo } from './binding.js';
import { parseDatasetSpec, type DatasetSpec } from './schemas.js';

export type DatasetInfo = NativeDatasetInfo;
export type Dataset = NativeDataset;

export const listDatasets = (): DatasetInfo[] => native().listDatasets();

/** Generates (or parses) a data set; LabError INVALID_CONFIG names the field, or the CSV line. */
export function makeDataset(spec: DatasetSpec): Dataset {
  return native().makeDataset(parseDatasetSpec(spec));
}
