/** A file that cannot be read as a roster: the command stops with exit status 2 and this one-line reason. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
