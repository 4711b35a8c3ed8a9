/** The diff as text for a terminal, and as Markdown for a pull-request comment. */
import pc from 'picocolors';
import type { Colors } from './text-report.js';
import type { DiffReport, Place, ReportCause, ReportFlow, ReportProbe, ReportVerdict } from './diff-report.js';

const HEADINGS: Array<[ReportFlow['change'], string]> = [
    ['opened', 'Newly open'],
    ['closed', 'Newly closed'],
    ['reason', 'Changed reason']
];

function names(list: readonly string[], max = 4): string {
    return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
}

function at(place: Place | undefined): string {
    return place ? `${place.file}:${place.line}` : '';
}

function verdictText(v: ReportVerdict): string {
    return v.verdict === 'ABSENT' ? 'absent' : v.reason ? `${v.verdict} ${v.reason}` : v.verdict;
}

function causeText(c: ReportCause): string {
    const where = c.change === 'removed' ? (c.before ? ` (was ${at(c.before)})` : '') : c.after ? ` (${at(c.after)})` : '';
    return `${c.change} ${c.text}${where}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function headline(report: DiffReport): string {
    const s = report.summary;
    if (s.opened + s.closed + s.reason + s.probes === 0) return `No reachability change (${plural(s.elements, 'element')} changed)`;
    const parts = [`${s.opened} newly open`, `${s.closed} newly closed`, `${s.reason} with another reason`];
    return `${plural(s.opened + s.closed + s.reason, 'flow')} changed: ${parts.join(', ')}; ${plural(s.probes, 'probe')} changed`;
}

function flowLines(f: ReportFlow, c: Colors): string[] {
    const out = [`  ${c.bold(f.traffic.join(', '))}  ${names(f.from)} → ${names(f.to)}`];
    const side = (label: string, v: ReportVerdict) =>
        `      ${label} ${verdictText(v)}${v.hop ? c.dim(` at ${v.hop.kind} ${v.hop.name}: ${v.hop.detail}`) : ''}`;
    out.push(side('before:', f.before), side('after: ', f.after));
    if (f.causes.length > 0) for (const cause of f.causes) out.push(`      ${c.yellow('caused by')} ${causeText(cause)}`);
    else out.push(c.dim('      no single change flips it back: the changes act together'));
    return out;
}

function probeLines(p: ReportProbe, c: Colors): string[] {
    const out = [
        `  ${c.bold(p.name)}${p.name === p.text ? '' : ` (${p.text})`}${p.place ? c.dim(`  ${at(p.place)}`) : ''}: ${p.change}, ${verdictText(p.before)} → ${verdictText(p.after)}`
    ];
    for (const cause of p.causes) out.push(`      ${c.yellow('caused by')} ${causeText(cause)}`);
    return out;
}

export function formatDiffText(report: DiffReport, c: Colors): string {
    const out = [c.bold(`Reachability: ${report.before} → ${report.after}`), headline(report), ''];
    if (report.exposure.length > 0) {
        out.push(c.red(c.bold('Newly reachable from the internet')));
        for (const e of report.exposure) out.push(`  ${e.to}: ${e.traffic}`);
        out.push('');
    }
    for (const [kind, title] of HEADINGS) {
        const flows = report.flows.filter(f => f.change === kind);
        if (flows.length === 0) continue;
        out.push(c.bold(`${title} (${flows.length})`));
        for (const f of flows) out.push(...flowLines(f, c));
        out.push('');
    }
    if (report.probes.length > 0) {
        out.push(c.bold(`Probes (${report.probes.length})`));
        for (const p of report.probes) out.push(...probeLines(p, c));
        out.push('');
    }
    const { added, gone } = report.findings;
    if (added.length + gone.length > 0) {
        out.push(c.bold(`Findings (${added.length} new, ${gone.length} gone)`));
        for (const d of added) out.push(`  ${c.red('+')} ${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}`);
        for (const d of gone) out.push(`  ${c.green('-')} ${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}`);
        out.push('');
    }
    if (report.elements.length > 0) {
        out.push(c.bold(`Changed elements (${report.elements.length})`));
        for (const e of report.elements) out.push(`  ${causeText(e)}`);
        out.push('');
    }
    const shown = report.traffic.slice(0, 16).join(', ');
    out.push(
        c.dim(
            `Tried with ${report.traffic.length} kinds of traffic: ${shown}${report.traffic.length > 16 ? ', … (all in --format json)' : ''}`
        )
    );
    return out.join('\n');
}

/** Markdown cells cannot hold `|` or line breaks; a long one is cut (the details hold it whole). */
function cell(text: string, max = 300): string {
    const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
    return short.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const TABLE_ROWS = 20;

export function formatDiffMarkdown(report: DiffReport): string {
    const s = report.summary;
    const icon = s.opened > 0 ? '🔓' : s.closed > 0 ? '🔒' : 'ℹ️';
    const out = [`### ${icon} Reachability: ${headline(report)}`, ''];
    if (report.exposure.length > 0) {
        const exposed = report.exposure.map(e => `\`${e.to}\` ${e.traffic}`);
        out.push(`**Newly reachable from the internet:** ${names(exposed, 10)}`, '');
    }
    const order = HEADINGS.map(([kind]) => kind);
    const flows = [...report.flows].sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change));
    const rows = [
        ...flows.map(f => [
            f.change,
            f.traffic.join(', '),
            names(f.from, 2),
            names(f.to, 2),
            verdictText(f.before),
            verdictText(f.after),
            f.causes.map(causeText).join('; ') || '—'
        ]),
        ...report.probes.map(p => [
            `probe ${p.change}`,
            p.text,
            p.name,
            '',
            verdictText(p.before),
            verdictText(p.after),
            p.causes.map(causeText).join('; ') || '—'
        ])
    ];
    if (rows.length > 0) {
        out.push('| change | traffic | from | to | before | after | caused by |', '| --- | --- | --- | --- | --- | --- | --- |');
        for (const row of rows.slice(0, TABLE_ROWS)) out.push(`| ${row.map(text => cell(text)).join(' | ')} |`);
        if (rows.length > TABLE_ROWS) out.push('', `… and ${rows.length - TABLE_ROWS} more rows below.`);
        out.push('');
    }
    const { added, gone } = report.findings;
    if (added.length + gone.length > 0) out.push(`Findings: ${added.length} new, ${gone.length} gone.`, '');
    return [...out, ...foldedDetails(formatDiffText(report, plainColors).split('\n'), out.join('\n').length)].join('\n');
}

/** GitHub refuses a comment longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * The whole text report, folded; cut at a line, with how much is left out, when the comment would
 * otherwise be longer than a pull request accepts (`used`: the characters before it).
 */
function foldedDetails(lines: string[], used: number): string[] {
    const open = ['<details><summary>Details</summary>', '', '```text'];
    const close = ['```', '', '</details>'];
    // Room for the fences, the line saying what is cut, and characters counted twice (emoji) by GitHub.
    let room = COMMENT_LIMIT - used - [...open, ...close].join('\n').length - 200;
    let kept = 0;
    while (kept < lines.length && room - (lines[kept]!.length + 1) >= 0) room -= lines[kept++]!.length + 1;
    if (kept === lines.length) return [...open, ...lines, ...close];
    const cut = `… ${lines.length - kept} more lines: the whole report is in vpc-lab diff's text or --format json output.`;
    return [...open, ...lines.slice(0, kept), cut, ...close];
}

const plainColors: Colors = pc.createColors(false);
