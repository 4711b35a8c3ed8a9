/** The language server's own entry point, bundled for the VS Code extension (which starts it over Node IPC). */
import '../node20.js';
import { startServer } from './main.js';

startServer();
