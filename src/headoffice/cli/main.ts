import { processIo } from './output.js';
import { runCli } from './program.js';

// Entry point (npm run headoffice, bin/simpul-headoffice.mjs). exitCode, not
// process.exit(): `serve` keeps running after the command returns.
process.exitCode = await runCli(process.argv.slice(2), processIo);
