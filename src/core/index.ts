// The engine's public surface: what the CLI, the worker and the extension import.
export * from './types';
export { analyzeText, type AnalyzeOptions } from './analyze';
export { LabelMemo } from './labelMemo';
export { Corpus, type WorkspaceEntity, type EntityMention, type ClaimGroup, type ClaimRef } from './corpus/corpus';
export { mayFindKnownNames } from './corpus/workspaceNames';
export { formatValue } from './values/values';
export { normalizeName } from './entities/names';
