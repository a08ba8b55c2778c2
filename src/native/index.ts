/**
 * The engine's TypeScript API (the only way the CLI and the host reach native code).
 */
export { LabError, isLabError, type LabErrorCode } from './errors.js';
export type { Batch } from './events.js';
export { LabSession, type SessionOptions, type SessionState } from './session.js';
export {
  startRace,
  resolveRace,
  RaceSession,
  type RaceBatch,
  type RaceColumn,
  type RaceNotice,
  type RaceSummary,
  type RaceOptimizerSummary,
  type OptimizerStatus,
  type ResolvedRace,
} from './race.js';
export {
  listLandscapes,
  listOptimizers,
  evaluate,
  describeFunction,
  evaluateGrid,
  type LandscapeInfo,
  type OptimizerInfo,
  type GridResult,
  type FunctionDescription,
} from './landscapes.js';
export { startTraining, probeTraining, TrainSession, type TrainBatch, type TrainColumn, type TrainNotice, type TrainStatus, type TrainSummary, type TrainLoss, type PredictionFrame, type PredictionMeta } from './train.js';
export { listDatasets, makeDataset, type Dataset, type DatasetInfo } from './datasets.js';
export {
  computationGraph,
  type ComputationGraph,
  type ExpressionGraph,
  type ExpressionGraphNode,
  type NetworkGraph,
  type NetworkGraphNode,
} from './graph.js';
export * from './schemas.js';
export { OPTIMIZERS, LANDSCAPES, DATASETS, type HyperMeta } from './catalog.js';
