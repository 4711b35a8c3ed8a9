/** The `vpc-lab` executable: the command line, and `vpc-lab lsp`, which starts the language server beside it. */
import { createProgram, runCli } from './cli/program.js';

const program = createProgram({
    async startLanguageServer() {
        const { startServer } = await import('./language-server/main.js');
        startServer();
    }
});
process.exitCode = await runCli(program, process.argv);
