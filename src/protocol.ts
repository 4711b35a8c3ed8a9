/**
 * Every message between the language server, the VS Code extension and the preview page, declared
 * once. The extension and the page import only this file and model types; the message types come
 * from `vscode-languageserver`, whose copy of JSON-RPC the server's connection uses.
 */
import { NotificationType, RequestType } from 'vscode-languageserver';
import type { ChangeKind, DecidingHop, ElementChange, SideVerdict } from './model/diff.js';
import type { PreviewData } from './model/preview-data.js';
import type { SourceLocation } from './model/topology.js';
import type { Hop } from './model/trace.js';

export type { PreviewData } from './model/preview-data.js';
/** The page names an ENI's box by the id the model gives that ENI; beyond these two functions it takes only types from the model. */
export { eniPlaceId } from './model/ids.js';
/** The page links an interface endpoint to the VPC's endpoint service it names. */
export { endpointServiceIdOf } from './model/transit.js';

// ---- custom LSP messages -------------------------------------------------------------------
// Each declared once with its parameter and result types, used as is by the server, the extension
// and the tests: a message's name or shape cannot drift between them. `@__PURE__`: the page's
// bundle, which sends none of them, leaves them out.

/** `vpc/preview`: the server answers from the documents it has already built. */
export interface PreviewParams {
    /** The simulated clock of the first probe (ISO-8601); the default keeps runs repeatable. */
    startTime?: string;
    /**
     * A document of the design to answer for: a file outside the workspace folders (a teaching
     * example, a file opened with no folder open) is a design of its own. Without it: the preview
     * shows the workspace folders' design, and `vpc/probes` answers the probes of every design.
     */
    uri?: string;
}
export type PreviewResult = PreviewData;
export const PreviewRequest = /* @__PURE__ */ new RequestType<PreviewParams, PreviewResult, void>('vpc/preview');

/** `vpc/probes`: only the probes' results (for the status bar and the probe commands), without the topology to draw. */
export type ProbesParams = PreviewParams;
export type ProbesResult = PreviewData['probes'];
export const ProbesRequest = /* @__PURE__ */ new RequestType<ProbesParams, ProbesResult, void>('vpc/probes');

/** `vpc/exportFlowLogs`: the server writes the records as AWS delivers them under `folder`. */
export interface ExportFlowLogsParams {
    folder: string;
    startTime?: string;
}
export interface ExportFlowLogsResult {
    records: number;
    files: Array<{ flowLog: string; path: string; records: number }>;
    /** Set when nothing could be written (no flow log, one without a destination, a file system error). */
    error?: string;
}
export const ExportFlowLogsRequest = /* @__PURE__ */ new RequestType<ExportFlowLogsParams, ExportFlowLogsResult, void>(
    'vpc/exportFlowLogs'
);

/** `vpc/modelChanged`, server → client after every build: what the preview shows may have changed. */
export interface ModelChangedParams {
    version: number;
}
export const ModelChangedNotification = /* @__PURE__ */ new NotificationType<ModelChangedParams>('vpc/modelChanged');

/**
 * `vpc/compare`: the workspace as it is now (unsaved edits included) against the `.vpc` files of a
 * git revision, read by the server through git. Answered again after each build; the revision's
 * side is built once per commit.
 */
export interface CompareParams {
    revision: string;
}

/** One changed flow or probe, with both sides' paths for the diagram. */
export interface CompareChange {
    /** Stable within one answer: the page's selection. */
    id: string;
    subject: 'flow' | 'probe';
    kind: ChangeKind | 'added' | 'removed';
    /** `internet → app.web-1 tcp 22`, or a probe's name and text. */
    title: string;
    /** `vpc.instance`, `internet` or `service NAME`; the path is traced from the first source to the first other destination. */
    sources: string[];
    destinations: string[];
    traffic: string;
    before: SideVerdict;
    after: SideVerdict;
    hopBefore?: DecidingHop;
    hopAfter?: DecidingHop;
    /** The changed elements whose reversion alone flips it back; `after` is where each is written now. */
    causes: ElementChange[];
    /** The representative flow's hops on each side (empty where an end does not exist). */
    pathBefore: Hop[];
    pathAfter: Hop[];
    /** A probe's place in the workspace (in the revision when it was removed: then not revealable). */
    loc?: SourceLocation;
}

export interface CompareResult {
    /** As asked (`HEAD`, a branch, a hash), and the commit it named. */
    revision: string;
    commit: string;
    changes: CompareChange[];
    /** Every written element that differs. */
    elements: ElementChange[];
    /** Set, with no changes, when the revision cannot be read (not a repository, an unknown revision, an unreadable file). */
    error?: string;
}
export const CompareRequest = /* @__PURE__ */ new RequestType<CompareParams, CompareResult, void>('vpc/compare');

/** `vpc/revisions`: what the compare command offers, HEAD first. */
export interface RevisionChoice {
    revision: string;
    description: string;
}
export const RevisionsRequest = /* @__PURE__ */ new RequestType<Record<string, never>, RevisionChoice[], void>('vpc/revisions');

/**
 * `vpc/import`: the server reads AWS CLI output (a folder), CloudFormation templates or a Terraform
 * folder, plan or state, and writes the `.vpc` files into `folder`, as `vpc-lab import` does:
 * all or nothing, never over an existing file.
 */
export interface ImportParams {
    kind: 'aws' | 'cloudformation' | 'terraform';
    /** File system paths: one folder (aws), templates (cloudformation), one folder or JSON file (terraform). */
    inputs: string[];
    /** Where to write; made when missing. */
    folder: string;
    region?: string;
    /** CloudFormation: the account the stacks deploy to (12 digits) and parameter values. */
    account?: string;
    parameters?: Record<string, string>;
    /** Terraform: root variables (as `--var`) and variable files (as `--var-file`). */
    vars?: Record<string, string>;
    varFiles?: string[];
    /**
     * Answer the CloudFormation parameters without a default, or the first Terraform variable
     * without one, in `missing` and write nothing, instead of importing without them.
     */
    askMissing?: boolean;
}
export interface ImportNoteLine {
    kind: 'left out' | 'stand-in' | 'unknown';
    /** `SOURCE: left out: WHAT (why)`, as the command line prints it. */
    text: string;
}
export interface ImportResult {
    /** Absolute paths, in the order written: the VPCs' files, then `workspace.vpc`. */
    written: string[];
    notes: ImportNoteLine[];
    summary?: string;
    missing?: { kind: 'parameter' | 'variable'; names: string[] };
    /** Set, with nothing written, when the input cannot be read or a file is in the way. */
    error?: string;
}
export const ImportRequest = /* @__PURE__ */ new RequestType<ImportParams, ImportResult, void>('vpc/import');

/**
 * `vpc/export`: the design as CloudFormation templates or Terraform root modules under `folder`,
 * as `vpc-lab export` writes them: all or nothing, never over an existing file. A design with
 * errors (unmet probe expectations aside) is refused.
 */
export interface ExportParams {
    format: 'cloudformation' | 'terraform';
    /** The documents to export (their current text); by default every `.vpc` file of the workspace folders. */
    uris?: string[];
    folder: string;
}
export interface ExportResult {
    written: string[];
    /** `app.vpc:12: why`, one per element the format cannot say. */
    notExported: string[];
    summary?: string;
    error?: string;
}
export const ExportRequest = /* @__PURE__ */ new RequestType<ExportParams, ExportResult, void>('vpc/export');

/** The id the `▶ trace` code lens carries; its arguments are the document URI and the probe's 1-based line. */
export const TraceProbeCommand = 'vpc-lab.traceProbe';

/** A probe is as it should be when it meets its `expect` or, without one, when it is accepted: the ✓ of lists and the status bar. */
export function probeAsExpected(probe: Pick<PreviewData['probes'][number], 'met' | 'verdict'>): boolean {
    return probe.met ?? probe.verdict === 'ACCEPT';
}

/** The counts the status bar and the page's summary show: `✓ passed · ✗ failed`. */
export function probeCounts(probes: ProbesResult): { passed: number; failed: number } {
    const failed = probes.filter(p => !probeAsExpected(p)).length;
    return { passed: probes.length - failed, failed };
}

// ---- messages between the extension and the preview page -------------------------------------

export type PreviewTab = 'diagram' | 'matrix' | 'flow-logs' | 'changes';

export type HostMessage =
    | { type: 'update'; data: PreviewData }
    /** A comparison's answer; null ends the comparison. */
    | { type: 'compare'; data: CompareResult | null }
    | { type: 'select-probe'; probeId: string }
    | { type: 'show-tab'; tab: PreviewTab }
    /** The editor's cursor (0-based): the page marks the element written there. */
    | { type: 'cursor'; uri: string; line: number; character: number };

export type PageMessage =
    | { type: 'ready' }
    | { type: 'reveal'; loc: SourceLocation }
    | { type: 'selected'; probeId: string | null }
    /** The diagram as an SVG document: the extension asks where to save it. */
    | { type: 'save-svg'; svg: string };

/** What the page keeps across reloads (`getState`/`setState` and the panel serializer). */
export interface PageState {
    tab: PreviewTab;
    probeId: string | null;
    zoom: { x: number; y: number; k: number } | null;
    /** The VPC opened alone, or null for the whole estate. */
    vpc?: string | null;
}

const TABS: readonly string[] = ['diagram', 'matrix', 'flow-logs', 'changes'];

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
    return (
        isRecord(value) &&
        Number.isInteger(value.line) &&
        Number.isInteger(value.character) &&
        (value.line as number) >= 0 &&
        (value.character as number) >= 0
    );
}

function isLocation(value: unknown): value is SourceLocation {
    return (
        isRecord(value) &&
        typeof value.uri === 'string' &&
        isRecord(value.range) &&
        isPosition(value.range.start) &&
        isPosition(value.range.end)
    );
}

/** The extension trusts nothing the page sends: a message of any other shape is ignored. */
export function isPageMessage(value: unknown): value is PageMessage {
    if (!isRecord(value)) return false;
    switch (value.type) {
        case 'ready':
            return true;
        case 'reveal':
            return isLocation(value.loc);
        case 'selected':
            return value.probeId === null || typeof value.probeId === 'string';
        case 'save-svg':
            return typeof value.svg === 'string' && value.svg.startsWith('<?xml');
        default:
            return false;
    }
}

function isVerdict(value: unknown): boolean {
    return (
        isRecord(value) &&
        ['ACCEPT', 'REJECT', 'ABSENT'].includes(value.verdict as string) &&
        (value.reason === null || typeof value.reason === 'string')
    );
}

function isCompareChange(value: unknown): boolean {
    return (
        isRecord(value) &&
        typeof value.id === 'string' &&
        typeof value.title === 'string' &&
        typeof value.kind === 'string' &&
        typeof value.traffic === 'string' &&
        isVerdict(value.before) &&
        isVerdict(value.after) &&
        Array.isArray(value.causes) &&
        value.causes.every(isRecord) &&
        Array.isArray(value.pathBefore) &&
        value.pathBefore.every(isRecord) &&
        Array.isArray(value.pathAfter) &&
        value.pathAfter.every(isRecord) &&
        Array.isArray(value.sources) &&
        Array.isArray(value.destinations) &&
        (value.loc === undefined || isLocation(value.loc))
    );
}

function isCompareResult(value: unknown): value is CompareResult {
    return (
        isRecord(value) &&
        typeof value.revision === 'string' &&
        typeof value.commit === 'string' &&
        Array.isArray(value.changes) &&
        value.changes.every(isCompareChange) &&
        Array.isArray(value.elements) &&
        (value.error === undefined || typeof value.error === 'string')
    );
}

export function isHostMessage(value: unknown): value is HostMessage {
    if (!isRecord(value)) return false;
    switch (value.type) {
        case 'update':
            return isRecord(value.data) && Array.isArray(value.data.probes) && isRecord(value.data.topology);
        case 'compare':
            return value.data === null || isCompareResult(value.data);
        case 'select-probe':
            return typeof value.probeId === 'string';
        case 'show-tab':
            return typeof value.tab === 'string' && TABS.includes(value.tab);
        case 'cursor':
            return typeof value.uri === 'string' && isPosition(value);
        default:
            return false;
    }
}

/** A saved state of any other shape (an older version's, a corrupted one) starts fresh. */
export function pageStateOf(value: unknown): PageState {
    const fresh: PageState = { tab: 'diagram', probeId: null, zoom: null, vpc: null };
    if (!isRecord(value)) return fresh;
    const zoom =
        isRecord(value.zoom) &&
        [value.zoom.x, value.zoom.y, value.zoom.k].every(n => typeof n === 'number' && Number.isFinite(n)) &&
        (value.zoom.k as number) > 0
            ? { x: value.zoom.x as number, y: value.zoom.y as number, k: value.zoom.k as number }
            : null;
    return {
        tab: typeof value.tab === 'string' && TABS.includes(value.tab) ? (value.tab as PreviewTab) : 'diagram',
        probeId: typeof value.probeId === 'string' ? value.probeId : null,
        zoom,
        vpc: typeof value.vpc === 'string' ? value.vpc : null
    };
}

// ---- the page's shell, the same in a webview and standalone ------------------------------------

export interface PageShell {
    title: string;
    /** A fresh random value per load: only scripts and styles carrying it run. */
    nonce: string;
    /** Extra CSP sources for scripts and styles (the webview's `cspSource`); none standalone. */
    cspSource?: string;
    script: { src: string } | { inline: string };
    style: { href: string } | { inline: string };
    /** Standalone: the preview data, embedded. */
    data?: PreviewData;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** Text that may sit inside a `<script>` element without ending it. */
function scriptSafe(text: string): string {
    return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function previewHtml(shell: PageShell): string {
    const source = shell.cspSource ? ` ${shell.cspSource}` : '';
    // The layout worker is the page's own script started from a blob; in a webview it is fetched from the extension's files first.
    const csp = `default-src 'none'; img-src${source} data:; font-src${source}; style-src${source} 'nonce-${shell.nonce}'; script-src 'nonce-${shell.nonce}'; worker-src blob:;${source ? ` connect-src${source};` : ''}`;
    const nonce = escapeHtml(shell.nonce);
    const style =
        'href' in shell.style
            ? `<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(shell.style.href)}">`
            : `<style nonce="${nonce}">${shell.style.inline.replace(/<\/style/gi, '<\\/style')}</style>`;
    const script =
        'src' in shell.script
            ? `<script nonce="${nonce}" src="${escapeHtml(shell.script.src)}"></script>`
            : `<script nonce="${nonce}">${scriptSafe(shell.script.inline)}</script>`;
    // JSON in a script element: `<` escaped so that no text in the topology can close it.
    const data = shell.data
        ? `<script type="application/json" id="vpc-lab-data">${JSON.stringify(shell.data).replace(/</g, '\\u003c')}</script>`
        : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shell.title)}</title>
${style}
</head>
<body class="${shell.data ? 'standalone' : 'webview'}">
<div id="app"></div>
${data}
${script}
</body>
</html>
`;
}
