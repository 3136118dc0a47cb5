/**
 * jsdom has no TextEncoder / TextDecoder (browsers do): a pane test that loads the adapter or the
 * workbook reader imports this module first, so that Node's are there when those modules load.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';

const globals = globalThis as unknown as Record<string, unknown>;
if (typeof globals.TextDecoder === 'undefined') globals.TextDecoder = NodeTextDecoder;
if (typeof globals.TextEncoder === 'undefined') globals.TextEncoder = NodeTextEncoder;
