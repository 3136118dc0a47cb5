/**
 * A stand-in for the `CustomFunctions` global that Excel's runtime provides, faithful to office.js:
 * `new CustomFunctions.Error(code, message)` carries `.code` (one of ErrorCode's strings, which are
 * the texts Excel shows) and `.message`, and `CustomFunctions.associate` records associations.
 * Tests assert the code Excel would show (#VALUE!, #NUM!, #N/A).
 */
enum ErrorCode {
  invalidValue = '#VALUE!',
  notAvailable = '#N/A',
  divisionByZero = '#DIV/0!',
  invalidNumber = '#NUM!',
  nullReference = '#NULL!',
  invalidName = '#NAME?',
  invalidReference = '#REF!',
}

class CustomFunctionsError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
    this.code = code;
    if (message === undefined) {
      // office.js leaves message undefined when none is given; keep that shape.
      (this as { message?: string }).message = undefined as unknown as string;
    }
  }
}

const associations = new Map<string, unknown>();

(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate(idOrMappings: string | Record<string, unknown>, fn?: unknown) {
    if (typeof idOrMappings === 'string') associations.set(idOrMappings.toUpperCase(), fn);
    else for (const [id, f] of Object.entries(idOrMappings)) associations.set(id.toUpperCase(), f);
  },
  __associations: associations,
};
