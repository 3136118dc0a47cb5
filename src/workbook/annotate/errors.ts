/** Why an annotated copy cannot be written. */
export class AnnotateError extends Error {}

/**
 * One part of the file cannot be patched (the check could still read the file: it reads only what it
 * needs). Says what is wrong and, where the code that found it knows, in which part; the writer adds the file.
 */
export class PartError extends AnnotateError {
  constructor(
    readonly part: string | null,
    /** What is wrong, said after the part's name: "已损坏（缺少 </Types>）". */
    readonly problem: string,
  ) {
    super(part ? `${part} ${problem}` : `部件${problem}`);
  }

  /** The same error, naming the part when it did not yet. */
  in(part: string): PartError {
    return this.part ? this : new PartError(part, this.problem);
  }
}

/** A part the copy must change is missing an element it needs. */
export function damagedPart(part: string | null, missing: string): PartError {
  return new PartError(part, `已损坏（缺少 ${missing}）`);
}

/** Runs a step that patches one part: a problem it finds is reported as that part's. */
export function inPart<T>(part: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof PartError ? error.in(part) : error;
  }
}
