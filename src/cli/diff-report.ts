/**
 * The diff as the command line reports it (and `--format json` prints it): places as files and
 * lines from 1, traffic as `tcp 22`, changed findings beside the changed flows. The shape is
 * documented in README.md ("Reviewing a change").
 */
import type { DecidingHop, ElementChange, FlowChange, ProbeChange, SideVerdict, TopologyDiff, Traffic } from '../model/diff.js';
import type { SourceLocation } from '../model/topology.js';
import type { CliDiagnostic } from './diagnostics.js';
import type { LoadedSide } from './diff-sides.js';

export interface Place {
    file: string;
    line: number;
    column: number;
}

export interface ReportVerdict {
    verdict: SideVerdict['verdict'];
    reason: string | null;
    hop?: Omit<DecidingHop, 'elementId'>;
}

export interface ReportCause {
    change: ElementChange['change'];
    text: string;
    before?: Place;
    after?: Place;
}

export interface ReportFlow {
    change: FlowChange['kind'];
    /** Every traffic that changed alike between the same ends for the same causes. */
    traffic: string[];
    from: string[];
    to: string[];
    before: ReportVerdict;
    after: ReportVerdict;
    causes: ReportCause[];
}

export interface ReportProbe {
    change: ProbeChange['kind'];
    name: string;
    text: string;
    place?: Place;
    before: ReportVerdict;
    after: ReportVerdict;
    causes: ReportCause[];
}

export interface DiffReport {
    before: string;
    after: string;
    /** Flows counted one per source, destination and traffic; probes and elements one each. */
    summary: {
        opened: number;
        closed: number;
        reason: number;
        probes: number;
        elements: number;
        findingsAdded: number;
        findingsGone: number;
    };
    /** What becomes reachable from the internet. */
    exposure: Array<{ to: string; traffic: string }>;
    traffic: string[];
    flows: ReportFlow[];
    probes: ReportProbe[];
    findings: { added: CliDiagnostic[]; gone: CliDiagnostic[] };
    elements: ReportCause[];
}

export function trafficText(t: Traffic): string {
    return t.port === null ? t.protocol : `${t.protocol} ${t.port}`;
}

/** Diagnostics added and gone: the same code and message in the same (paired) file is the same finding, whatever its line. */
export function diffFindings(before: LoadedSide, after: LoadedSide): DiffReport['findings'] {
    const signature = (d: CliDiagnostic & { key: string }) => `${d.key}\u0000${d.code}\u0000${d.message}`;
    const count = (list: Array<CliDiagnostic & { key: string }>) => {
        const map = new Map<string, number>();
        for (const d of list) map.set(signature(d), (map.get(signature(d)) ?? 0) + 1);
        return map;
    };
    const only = (list: Array<CliDiagnostic & { key: string }>, other: Map<string, number>) =>
        list
            .filter(d => {
                const left = other.get(signature(d)) ?? 0;
                if (left > 0) {
                    other.set(signature(d), left - 1);
                    return false;
                }
                return true;
            })
            .map(({ key: _key, related: _related, ...d }) => d);
    return { added: only(after.diagnostics, count(before.diagnostics)), gone: only(before.diagnostics, count(after.diagnostics)) };
}

export function buildReport(diff: TopologyDiff, before: LoadedSide, after: LoadedSide): DiffReport {
    // The sides may share document URIs (they are built in one workspace): each location is read on its own side.
    const displays = (side: LoadedSide) => new Map(side.documents.map(d => [d.uri, d.display]));
    const beforeDisplay = displays(before);
    const afterDisplay = displays(after);
    const place = (loc: SourceLocation | undefined, display: Map<string, string>): Place | undefined =>
        loc && {
            file: display.get(loc.uri) ?? loc.uri,
            line: loc.range.start.line + 1,
            column: loc.range.start.character + 1
        };
    const cause = (c: ElementChange): ReportCause => {
        const b = place(c.before, beforeDisplay);
        const a = place(c.after, afterDisplay);
        return { change: c.change, text: c.text, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
    };
    const verdict = (v: SideVerdict, hop: DecidingHop | undefined): ReportVerdict => {
        const out: ReportVerdict = { verdict: v.verdict, reason: v.reason };
        if (hop) out.hop = { kind: hop.kind, name: hop.name, vpc: hop.vpc, detail: hop.detail };
        return out;
    };
    const flows: ReportFlow[] = [];
    const alike = new Map<string, ReportFlow>();
    for (const f of diff.flows) {
        const causes = f.causes.map(cause);
        const key = JSON.stringify([f.kind, f.sources, f.destinations, f.before, f.after, causes]);
        const known = alike.get(key);
        if (known) {
            known.traffic.push(trafficText(f));
            continue;
        }
        const flow: ReportFlow = {
            change: f.kind,
            traffic: [trafficText(f)],
            from: f.sources,
            to: f.destinations,
            before: verdict(f.before, f.hopBefore),
            after: verdict(f.after, f.hopAfter),
            causes
        };
        alike.set(key, flow);
        flows.push(flow);
    }
    const probes: ReportProbe[] = diff.probes.map(p => {
        const at = place(p.loc, p.kind === 'removed' ? beforeDisplay : afterDisplay);
        return {
            change: p.kind,
            name: p.name,
            text: p.text,
            ...(at ? { place: at } : {}),
            before: verdict(p.before, p.hopBefore),
            after: verdict(p.after, p.hopAfter),
            causes: p.causes.map(cause)
        };
    });
    const findings = diffFindings(before, after);
    const exposure = flows
        .filter(f => f.change === 'opened' && f.from.includes('internet'))
        .flatMap(f => f.to.map(to => ({ to, traffic: f.traffic.join(', ') })));
    // Counted one per source, destination and traffic (an instance never to itself).
    const pairs = (f: FlowChange) => f.sources.length * f.destinations.length - f.sources.filter(x => f.destinations.includes(x)).length;
    const count = (kind: FlowChange['kind']) => diff.flows.filter(f => f.kind === kind).reduce((n, f) => n + pairs(f), 0);
    return {
        before: before.label,
        after: after.label,
        summary: {
            opened: count('opened'),
            closed: count('closed'),
            reason: count('reason'),
            probes: probes.length,
            elements: diff.elements.length,
            findingsAdded: findings.added.length,
            findingsGone: findings.gone.length
        },
        exposure,
        traffic: diff.traffic.map(trafficText),
        flows,
        probes,
        findings,
        elements: diff.elements.map(cause)
    };
}
