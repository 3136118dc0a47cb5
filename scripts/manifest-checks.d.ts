/** Types of scripts/manifest-checks.js. */
export interface CheckResult {
  title: string;
  status: 'pass' | 'fail' | 'skip';
  details: string[];
}
export interface CheckOptions {
  /** Project root (default: the folder above scripts/). */
  root?: string;
  /** Manifest to check (default: <root>/manifest.xml). */
  manifest?: string;
  /** Build folder to compare with (default <root>/dist, skipped when not built); false skips. */
  dist?: string | false;
  /** Base URL every manifest URL must start with (default https://localhost:3000/). */
  baseUrl?: string;
}
export interface WebpackOutputs {
  files: Set<string>;
  byRole: {
    scripts: Record<string, string>;
    /** The offline checker page (its scripts inlined), when the build has one. */
    checkerHtml?: string;
    html: Array<{ filename: string; chunks?: string[] }>;
    metadata: string | null;
    localizedMetadata: Record<string, string>;
    copied: string[];
  };
}
export const NS: { app: string; bt: string; ov: string; xsi: string };
export function runManifestChecks(options?: CheckOptions): Promise<CheckResult[]>;
export function webpackOutputs(root: string): Promise<WebpackOutputs>;
export function formatResults(results: CheckResult[]): string;
export function pngSize(file: string): { width: number; height: number } | null;
