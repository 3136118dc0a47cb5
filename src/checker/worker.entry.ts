/** The worker bundle's entry (built as its own script and handed to the page inline, see scripts/inline-checker.js). */
import { startWorker } from './worker';

startWorker(self as unknown as Parameters<typeof startWorker>[0]);
