/** The one protocol file: the guards that keep the extension and the page from trusting each other, and the page's shell. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TRACE_COMMAND } from '../../src/language/lsp/vpc-code-lens.js';
import { isHostMessage, isPageMessage, pageStateOf, previewHtml, TraceProbeCommand, type PreviewData } from '../../src/protocol.js';

const loc = { uri: 'file:///w/tour.vpc', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } } };

describe('messages from the page', () => {
    it('accepts the three shapes the page sends', () => {
        expect(isPageMessage({ type: 'ready' })).toBe(true);
        expect(isPageMessage({ type: 'reveal', loc })).toBe(true);
        expect(isPageMessage({ type: 'selected', probeId: null })).toBe(true);
        expect(isPageMessage({ type: 'selected', probeId: 'probe:db' })).toBe(true);
    });

    it('ignores every other shape', () => {
        for (const bad of [
            null,
            'ready',
            42,
            [],
            { type: 'run', command: 'rm -rf /' },
            { type: 'reveal' },
            { type: 'reveal', loc: { uri: 1, range: loc.range } },
            { type: 'reveal', loc: { uri: 'file:///x', range: { start: { line: -1, character: 0 }, end: loc.range.end } } },
            { type: 'reveal', loc: { uri: 'file:///x', range: { start: { line: 1.5, character: 0 }, end: loc.range.end } } },
            { type: 'selected', probeId: 7 }
        ]) {
            expect(isPageMessage(bad), JSON.stringify(bad)).toBe(false);
        }
    });
});

describe('messages to the page', () => {
    it('accepts updates, selections and tabs, and nothing else', () => {
        expect(isHostMessage({ type: 'update', data: { probes: [], topology: {} } })).toBe(true);
        expect(isHostMessage({ type: 'select-probe', probeId: 'probe:x' })).toBe(true);
        expect(isHostMessage({ type: 'show-tab', tab: 'matrix' })).toBe(true);
        expect(isHostMessage({ type: 'update', data: 'x' })).toBe(false);
        expect(isHostMessage({ type: 'show-tab', tab: 'settings' })).toBe(false);
        expect(isHostMessage({ type: 'select-probe' })).toBe(false);
    });

    it('a saved state of the wrong shape starts fresh; a good one comes back whole', () => {
        expect(pageStateOf(undefined)).toEqual({ tab: 'diagram', probeId: null, zoom: null, vpc: null });
        expect(pageStateOf({ tab: 'evil', probeId: 3, zoom: { x: 'a', y: 0, k: 1 } })).toEqual({
            tab: 'diagram',
            probeId: null,
            zoom: null,
            vpc: null
        });
        expect(pageStateOf({ tab: 'diagram', probeId: null, zoom: { x: 0, y: 0, k: 0 } }).zoom).toBeNull();
        expect(pageStateOf({ tab: 'flow-logs', probeId: 'probe:db', zoom: { x: 10, y: -4, k: 0.5 } })).toEqual({
            tab: 'flow-logs',
            probeId: 'probe:db',
            zoom: { x: 10, y: -4, k: 0.5 },
            vpc: null
        });
    });
});

describe('the page shell', () => {
    const data = { topology: { vpcs: [{ name: '</script><script>alert(1)</script>' }] }, probes: [] } as unknown as PreviewData;

    it("has a strict Content-Security-Policy: nothing but the nonce's scripts and styles, no network", () => {
        const html = previewHtml({ title: 't', nonce: 'abc123', script: { inline: 'void 0' }, style: { inline: 'body{}' }, data });
        const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("script-src 'nonce-abc123'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
        expect(html).toContain('<script nonce="abc123">void 0</script>');
    });

    it('embedded data cannot close its script element', () => {
        const html = previewHtml({ title: 't', nonce: 'n', script: { inline: '' }, style: { inline: '' }, data });
        expect(html.match(/<\/script>/g)).toHaveLength(2);
        const json = /<script type="application\/json" id="vpc-lab-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
        expect(JSON.parse(json).topology.vpcs[0].name).toBe('</script><script>alert(1)</script>');
    });

    it("in a webview, loads its script and styles from the webview's own source", () => {
        const html = previewHtml({
            title: 'VPC Preview',
            nonce: 'n',
            cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
            script: { src: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.js' },
            style: { href: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.css' }
        });
        expect(html).toContain('style-src https://file+.vscode-resource.vscode-cdn.net &#39;nonce-n&#39;');
        expect(html).toContain('<script nonce="n" src="https://file+.vscode-resource.vscode-cdn.net/ext/out/webview.js"></script>');
        expect(html).not.toContain('vpc-lab-data');
    });
});

describe('the trace command', () => {
    it("the server's lens and the extension name the same command, and the manifest contributes it", () => {
        expect(TraceProbeCommand).toBe(TRACE_COMMAND);
        const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
        expect(manifest.contributes.commands.map(c => c.command)).toContain(TRACE_COMMAND);
    });
});
