// An esbuild plugin that bundles one copy of the LSP protocol stack. The server's connection comes
// from `vscode-languageserver`; Langium and the language client import `vscode-languageserver-protocol`
// and `vscode-jsonrpc` themselves, and when npm installs more than one copy of those, a
// `ResponseError` made with one copy is not recognised by the connection of the other and goes out
// as a result (`{"result":{"code":-32803}}`) with its message lost. Every import of the protocol,
// its types or JSON-RPC resolves to the copy `vscode-languageserver` uses, and the build stops if
// the importing package declares a range that copy does not satisfy.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const require = createRequire(import.meta.url);
const semver = require('semver');
const STACK = /^(vscode-languageserver-protocol|vscode-jsonrpc|vscode-languageserver-types)(\/.*)?$/;

/** The folder of the package `name` as seen from `from` (packages whose `exports` hide package.json included). */
function packageDir(name, from) {
    const entry = require.resolve(name, { paths: [from] });
    const marker = `${sep}node_modules${sep}${name}${sep}`;
    return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

function manifest(dir) {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** The range the package holding `file` declares for `name`, if it declares one. */
function declaredRange(name, file) {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
        if (!existsSync(join(dir, 'package.json'))) continue;
        const { dependencies = {}, peerDependencies = {} } = manifest(dir);
        return dependencies[name] ?? peerDependencies[name];
    }
    return undefined;
}

const root = dirname(dirname(new URL(import.meta.url).pathname));
const server = packageDir('vscode-languageserver', root);
const protocol = packageDir('vscode-languageserver-protocol', server);
/** Where each package of the stack is looked up from: the protocol from the server, the rest from the protocol. */
const from = { 'vscode-languageserver-protocol': server, 'vscode-jsonrpc': protocol, 'vscode-languageserver-types': protocol };

export const oneProtocolStack = {
    name: 'one-protocol-stack',
    setup(build) {
        build.onResolve({ filter: STACK }, async args => {
            if (args.pluginData?.oneProtocolStack) return undefined;
            const name = STACK.exec(args.path)[1];
            const chosen = manifest(packageDir(name, from[name])).version;
            const range = declaredRange(name, args.importer);
            if (range && !semver.satisfies(chosen, range))
                return {
                    errors: [
                        {
                            text: `${args.importer} needs ${name}@${range}, but the language server uses ${chosen}: align the versions in package.json`
                        }
                    ]
                };
            const result = await build.resolve(args.path, {
                kind: args.kind,
                resolveDir: from[name],
                pluginData: { oneProtocolStack: true }
            });
            return result.errors.length > 0 ? { errors: result.errors } : { path: result.path, sideEffects: result.sideEffects };
        });
    }
};

/**
 * For the preview page, which sends no LSP message: `vscode-languageserver` counts as free of side
 * effects, so protocol.ts's message types (`@__PURE__`) and the library behind them are left out.
 */
export const pageWithoutProtocol = {
    name: 'page-without-protocol',
    setup(build) {
        build.onResolve({ filter: /^vscode-languageserver$/ }, async args => {
            if (args.pluginData?.pageWithoutProtocol) return undefined;
            const result = await build.resolve(args.path, {
                kind: args.kind,
                resolveDir: args.resolveDir,
                pluginData: { pageWithoutProtocol: true }
            });
            return result.errors.length > 0 ? { errors: result.errors } : { path: result.path, sideEffects: false };
        });
    }
};
