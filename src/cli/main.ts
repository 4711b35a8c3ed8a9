import { createProgram, runCli } from './program.js';

process.exitCode = await runCli(createProgram(), process.argv);
