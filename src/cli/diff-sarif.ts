/**
 * The diff as SARIF 2.1.0: each newly open flow is a result at the AFTER line that opened it
 * (its causes' lines), so a code-scanning upload marks that line in the pull request. A flow
 * newly open from the internet is an error, any other a warning.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { DiffReport, ReportFlow } from './diff-report.js';

const RULES: ReportingDescriptor[] = [
    {
        id: 'reachability-exposed',
        name: 'ReachabilityExposed',
        shortDescription: { text: 'The change makes an instance reachable from the internet.' },
        defaultConfiguration: { level: 'error' },
        help: { text: 'The change makes an instance reachable from the internet. See README.md, "Reviewing a change".' }
    },
    {
        id: 'reachability-opened',
        name: 'ReachabilityOpened',
        shortDescription: { text: 'The change opens a flow that was not accepted before.' },
        defaultConfiguration: { level: 'warning' },
        help: { text: 'The change opens a flow that was not accepted before. See README.md, "Reviewing a change".' }
    }
];

function toUri(file: string): string {
    const slashed = file.replace(/\\/g, '/');
    return slashed.startsWith('/') ? `file://${encodeURI(slashed)}` : encodeURI(slashed);
}

function message(flow: ReportFlow): string {
    const names = (list: string[]) => (list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`);
    const before = flow.before.verdict === 'ABSENT' ? 'did not exist' : `was rejected (${flow.before.reason})`;
    return `${flow.traffic.join(', ')} from ${names(flow.from)} to ${names(flow.to)} is now accepted; it ${before}.`;
}

export function diffToSarif(report: DiffReport, version: string): Log {
    const files = [...new Set(report.flows.flatMap(f => f.causes.flatMap(c => (c.after ? [c.after.file] : []))))];
    const results: Result[] = report.flows
        .filter(f => f.change === 'opened')
        .map(flow => {
            const exposed = flow.from.includes('internet');
            const places = flow.causes.flatMap(c => (c.after ? [c.after] : []));
            return {
                ruleId: exposed ? 'reachability-exposed' : 'reachability-opened',
                ruleIndex: exposed ? 0 : 1,
                level: exposed ? 'error' : 'warning',
                message: { text: message(flow) },
                locations: places.map(p => ({
                    physicalLocation: {
                        artifactLocation: { uri: toUri(p.file), index: files.indexOf(p.file) },
                        region: { startLine: p.line, startColumn: p.column }
                    }
                }))
            };
        });
    return {
        version: '2.1.0',
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        runs: [
            {
                tool: { driver: { name: 'vpc-lab', version, semanticVersion: version, rules: RULES } },
                artifacts: files.map(file => ({ location: { uri: toUri(file) } })),
                results
            }
        ]
    };
}
