/**
 * Bounds on what a workbook may make the reader do. Each is far above any real roster (a full
 * 1,048,576-row sheet of a 12-column roster inflates to about 500 MB) and low enough that a crafted
 * file ends with a message instead of exhausting memory.
 */
export interface WorkbookLimits {
  /** Inflated bytes of any one part of the package. */
  partBytes: number;
  /** Inflated bytes of all parts read. */
  totalBytes: number;
  /** Excel's own sheet size. */
  rows: number;
  columns: number;
  /** UTF-16 code units of shared-string text held at once (the table must stay in memory). */
  sharedStringChars: number;
  /** Entries of the shared-string table. */
  sharedStrings: number;
  /** Merged areas of one sheet. */
  merges: number;
  /** Bytes of one XML tag or text run (one cell's text is at most 32,767 characters in Excel). */
  tokenBytes: number;
  /** Bytes of a file handed to the reader at all. */
  fileBytes: number;
  /** Cells of one sheet given a merged area's value (a crafted area over a million rows must not take hours). */
  mergedCells: number;
  /** Parts up to this size are inflated whole; larger ones piece by piece (memory stays bounded). */
  wholePartBytes: number;
}

export const DEFAULT_LIMITS: Readonly<WorkbookLimits> = {
  partBytes: 1024 * 1024 * 1024,
  totalBytes: 2 * 1024 * 1024 * 1024,
  rows: 1_048_576,
  columns: 16_384,
  sharedStringChars: 64 * 1024 * 1024,
  sharedStrings: 4 * 1024 * 1024,
  merges: 1_000_000,
  tokenBytes: 16 * 1024 * 1024,
  fileBytes: 1024 * 1024 * 1024,
  mergedCells: 32 * 1024 * 1024,
  wholePartBytes: 64 * 1024 * 1024,
};

export function withDefaults(limits?: Partial<WorkbookLimits>): WorkbookLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** "1 GB", "64 MB": a limit as clerks read it. */
export function showBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${+(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${bytes} 字节`;
}
