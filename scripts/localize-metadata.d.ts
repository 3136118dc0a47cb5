/** Types of scripts/localize-metadata.js. */
export interface FunctionParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  [key: string]: unknown;
}
export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters?: FunctionParameter[];
  result?: Record<string, unknown>;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}
export interface Metadata {
  functions: FunctionMetadata[];
  [key: string]: unknown;
}
export interface Translation {
  name?: string;
  description?: string;
  parameters?: Record<string, { name?: string; description?: string }>;
}
export interface TranslationTable {
  locale?: string;
  functions?: Record<string, Translation>;
  [key: string]: unknown;
}
export interface Comparison {
  /** Functions or parameters (or their name/description) without a translation. */
  missing: string[];
  /** Translations of functions or parameters that the metadata does not have. */
  unknown: string[];
  /** Translations Excel would reject, or that clash with another. */
  invalid: string[];
}
export const FUNCTION_NAME: RegExp;
export function compareTranslations(metadata: Metadata, table: TranslationTable): Comparison;
export function applyTranslations(metadata: Metadata, table: TranslationTable): Metadata;
export function localizeMetadata(metadata: Metadata, table: TranslationTable): Comparison & { metadata: Metadata; json: string };
export class LocalizeMetadataPlugin {
  constructor(options: { source: string; locales: Record<string, { table: string; output: string }> });
  options: { source: string; locales: Record<string, { table: string; output: string }> };
  apply(compiler: unknown): void;
}
