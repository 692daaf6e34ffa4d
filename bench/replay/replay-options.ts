import { defaultVerifyThreads } from '../../services/audit/src/verify-signatures/signature-pool';
import { arg } from '../lib/bench-io';

// The replay bench's command-line options that both its processes read, and its small helpers.

export const log = (m: string) => process.stderr.write(`[bench:replay ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
export const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
export const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** `--unchained`: events signed as before ADR 0034, each verified by its own signature. */
export const UNCHAINED = process.argv.includes('--unchained');
/** `--verify-threads N` (0: verify on the main thread), else the CLI's default. */
export const VERIFY_THREADS = process.argv.includes('--verify-threads') ? Number(process.argv[process.argv.indexOf('--verify-threads') + 1]) : defaultVerifyThreads();
if (!Number.isInteger(VERIFY_THREADS) || VERIFY_THREADS < 0) throw new Error('--verify-threads must be 0 or more');

/** `--child-heap-mib N`: run the end-to-end phases with V8's old space capped at N MiB (they fail if the live set needs more). */
export const CHILD_HEAP_MIB = process.argv.includes('--child-heap-mib') ? arg('child-heap-mib', 1) : undefined;
/** `--child-semi-space-mib N`: and with V8's semi-spaces (the young generation is about 3 of them) at most N MiB. */
export const CHILD_SEMI_SPACE_MIB = process.argv.includes('--child-semi-space-mib') ? arg('child-semi-space-mib', 1) : undefined;
export const CHILD_NODE_FLAGS = [
  ...(CHILD_HEAP_MIB === undefined ? [] : [`--max-old-space-size=${CHILD_HEAP_MIB}`]),
  ...(CHILD_SEMI_SPACE_MIB === undefined ? [] : [`--max-semi-space-size=${CHILD_SEMI_SPACE_MIB}`]),
];
