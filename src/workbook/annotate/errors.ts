/** Why an annotated copy cannot be written. */
export class AnnotateError extends Error {}

/**
 * A part the copy must change is too damaged to patch (the check could still read the file: it
 * reads only what it needs). Says what is missing and, where the code that found it knows, in which part.
 */
export class DamagedPartError extends AnnotateError {
  constructor(
    readonly part: string | null,
    readonly missing: string,
  ) {
    super(part ? `${part} 已损坏（缺少 ${missing}）` : `部件已损坏（缺少 ${missing}）`);
  }

  /** The same error, naming the part when it did not yet. */
  in(part: string): DamagedPartError {
    return this.part ? this : new DamagedPartError(part, this.missing);
  }
}

/** Runs a step that patches one part: a damage it finds is reported as that part's. */
export function inPart<T>(part: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof DamagedPartError ? error.in(part) : error;
  }
}
