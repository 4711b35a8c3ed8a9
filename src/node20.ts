// Langium 4.4's parser (chevrotain 13) calls Object.groupBy, which Node only has from 22 on;
// VS Code's extension host and code-server still run Node 20. Load this before Langium.
import 'core-js/actual/object/group-by.js';
