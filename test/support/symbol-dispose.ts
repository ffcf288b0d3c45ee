/**
 * Node puts Symbol.dispose on its own global Symbol, but Jest runs a test file in a sandbox whose
 * Symbol lacks it. Loaded there, playwright-core names its handles' dispose method "undefined"
 * and fails on any element in a frame of another site ("Object not disposable"). Import this
 * before playwright-core in a test that works in such frames; it gives the sandbox the symbols
 * under the names playwright-core falls back to.
 */
const symbols = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol };
symbols.dispose ??= Symbol.for('Symbol.dispose');
symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');

export {};
