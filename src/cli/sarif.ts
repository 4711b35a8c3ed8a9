/** SARIF 2.1.0, with rule metadata for every code, for code-scanning tools and pull-request bots. */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allCodes, DiagnosticCodes, type Severity } from '../model/codes.js';
import type { CliDiagnostic } from './diagnostics.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(diagnostics: readonly CliDiagnostic[], files: readonly string[], version: string): Log {
    const rules: ReportingDescriptor[] = allCodes.map(code => ({
        id: code,
        name: code.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
        shortDescription: { text: DiagnosticCodes[code].summary },
        defaultConfiguration: { level: LEVEL[DiagnosticCodes[code].severity] },
        help: { text: `${DiagnosticCodes[code].summary} See docs/diagnostics.md#${code}.` }
    }));
    const ruleIndex = new Map(allCodes.map((code, i) => [code, i]));
    const artifactIndex = new Map(files.map((file, i) => [file, i]));
    const location = (file: string, startLine: number, startColumn: number, endLine?: number, endColumn?: number) => ({
        physicalLocation: {
            artifactLocation: { uri: toUri(file), index: artifactIndex.get(file) },
            region: { startLine, startColumn, ...(endLine !== undefined ? { endLine, endColumn } : {}) }
        }
    });
    const results: Result[] = diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [location(d.file, d.line, d.column, d.endLine, d.endColumn)],
        ...(d.related && d.related.length > 0
            ? {
                  relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, ...location(r.file, r.line, r.column) }))
              }
            : {})
    }));
    return {
        version: '2.1.0',
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        runs: [
            {
                tool: { driver: { name: 'vpc-lab', version, semanticVersion: version, rules } },
                artifacts: files.map(file => ({ location: { uri: toUri(file) } })),
                results
            }
        ]
    };
}

/** Relative paths stay relative (SARIF viewers resolve them against the repository); separators become `/`. */
function toUri(file: string): string {
    const slashed = file.replace(/\\/g, '/');
    return slashed.startsWith('/') ? `file://${encodeURI(slashed)}` : encodeURI(slashed);
}
