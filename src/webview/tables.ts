/** The page's lists and tables: probes, a probe's hops, the reachability matrix and the flow-log records. All text goes in as text, never as markup. */
import type { Matrix, PreviewData, PreviewProbe } from '../model/preview-data.js';
import { probeAsExpected } from '../protocol.js';

export function h<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attributes: Record<string, string> = {},
    ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.append(...children);
    return node;
}

function verdictText(probe: PreviewProbe): string {
    return probe.verdict === 'ACCEPT' ? 'ACCEPT' : `REJECT ${probe.reason ?? ''}`.trim();
}

/** One button per probe: ✓ or ✗ for its expectation (or its verdict without one), its text and its verdict. */
export function probeList(probes: readonly PreviewProbe[], selected: string | null, onSelect: (id: string) => void): HTMLElement {
    if (probes.length === 0)
        return h('p', { class: 'empty' }, 'No probes yet. Add one, e.g. ', h('code', {}, 'probe web-1 -> db-1 tcp 5432 expect accept'));
    const list = h('ul', { class: 'probe-list', role: 'listbox', 'aria-label': 'Probes' });
    for (const probe of probes) {
        const good = probeAsExpected(probe);
        const item = h(
            'li',
            {
                role: 'option',
                tabindex: '0',
                class: `probe ${good ? 'good' : 'bad'}${probe.id === selected ? ' selected' : ''}`,
                'data-probe': probe.id,
                'aria-selected': String(probe.id === selected)
            },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, good ? '✓' : '✗'),
            h('span', { class: 'probe-name' }, probe.name),
            h('span', { class: 'probe-text' }, probe.text),
            h('span', { class: `verdict ${probe.verdict.toLowerCase()}` }, verdictText(probe)),
            ...(probe.met === false ? [h('span', { class: 'unmet' }, `expected ${probe.expected}`)] : [])
        );
        item.addEventListener('click', () => onSelect(probe.id));
        item.addEventListener('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(probe.id);
            }
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                const next = (event.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling) as HTMLElement | null;
                next?.focus();
            }
        });
        list.append(item);
    }
    return list;
}

/** The hop table of one probe: the deciding hop and every blocker marked. */
export function hopTable(probe: PreviewProbe): HTMLElement {
    const blockers = new Map(probe.blockers.map(b => [b.hop, b]));
    const deciding = probe.blockers[0]?.hop;
    const rows = probe.hops.map((hop, i) => {
        const blocker = blockers.get(i);
        const row = h(
            'tr',
            { class: `${hop.action === 'REJECT' ? 'reject' : ''}${i === deciding ? ' deciding' : ''}`, 'data-hop': String(i + 1) },
            h('td', {}, String(i + 1)),
            h('td', {}, hop.kind),
            h('td', {}, hop.name),
            h('td', {}, hop.vpc ?? '—'),
            h('td', { class: 'action' }, hop.action + (blocker ? ` ${blocker.reason}` : '') + (i === deciding ? ' (deciding)' : '')),
            h(
                'td',
                { class: 'detail' },
                hop.detail,
                ...(blocker?.remedy ? [h('div', { class: 'remedy' }, `fix: add \`${blocker.remedy.rule}\``)] : [])
            )
        );
        return row;
    });
    const summary =
        probe.verdict === 'ACCEPT'
            ? `ACCEPT: every hop lets ${probe.text} through.`
            : `REJECT ${probe.reason}: decided at hop ${(deciding ?? 0) + 1}${probe.blockers.length > 1 ? `; ${probe.blockers.length} blockers on the path, all to fix` : ''}.`;
    return h(
        'section',
        { class: 'hops', 'aria-label': `Hops of probe ${probe.name}` },
        h('h3', {}, `${probe.name}: ${probe.text}`),
        h('p', { class: `summary ${probe.verdict.toLowerCase()}` }, summary),
        h(
            'table',
            { class: 'hop-table' },
            h('thead', {}, h('tr', {}, ...['#', 'hop', 'name', 'vpc', 'action', 'detail'].map(t => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, ...rows)
        )
    );
}

export function matrixTable(matrix: Matrix | null, note: string | undefined): HTMLElement {
    if (!matrix) return h('p', { class: 'empty' }, note ?? 'No matrix.');
    if (matrix.instances.length === 0) return h('p', { class: 'empty' }, 'No instances: the matrix needs at least one.');
    const columns = [...matrix.instances, ...matrix.targets];
    const caption = `Who can open ${matrix.protocol}${matrix.port === null ? '' : ` ${matrix.port}`} connections to whom (rows: sources; ${matrix.classes} classes of equivalent instances simulated)`;
    return h(
        'table',
        { class: 'matrix' },
        h('caption', {}, caption),
        h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'from \\ to'), ...columns.map(c => h('th', { scope: 'col' }, h('span', {}, c))))
        ),
        h(
            'tbody',
            {},
            ...matrix.instances.map((row, r) =>
                h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, row),
                    ...matrix.cells[r]!.map((cell, c) =>
                        h(
                            'td',
                            {
                                class: cell.verdict === 'ACCEPT' ? 'accept' : 'reject',
                                title: `${row} → ${columns[c]}: ${cell.verdict}${cell.reason ? ` ${cell.reason}` : ''}`
                            },
                            cell.verdict === 'ACCEPT' ? '✓' : `✗ ${cell.reason ?? ''}`
                        )
                    )
                )
            )
        )
    );
}

export interface RecordFilter {
    flowLog: string;
    eni: string;
    action: string;
}

function select(
    label: string,
    name: keyof RecordFilter,
    options: Array<[string, string]>,
    value: string,
    onChange: (name: keyof RecordFilter, value: string) => void
): HTMLElement {
    const control = h('select', { name, 'aria-label': label }, ...options.map(([v, text]) => h('option', { value: v }, text)));
    control.value = value;
    control.addEventListener('change', () => onChange(name, control.value));
    return h('label', {}, `${label} `, control);
}

export function flowLogTable(
    data: PreviewData,
    filter: RecordFilter,
    onFilter: (name: keyof RecordFilter, value: string) => void
): HTMLElement {
    if (data.flowLogs.length === 0)
        return h(
            'p',
            { class: 'empty' },
            'No flow log is declared. Add ',
            h('code', {}, 'flow-log NAME { capture vpc }'),
            ' to a VPC to see the records its probes leave.'
        );
    const enis = new Map<string, string>();
    for (const r of data.records) enis.set(r.eni, r.ownerName);
    const names = new Map(data.flowLogs.map(f => [f.id, f.name]));
    const probes = new Map(data.probes.map(p => [p.id, p.name]));
    const shown = data.records.filter(
        r =>
            (filter.flowLog === '' || r.flowLog === filter.flowLog) &&
            (filter.eni === '' || r.eni === filter.eni) &&
            (filter.action === '' || r.action === filter.action)
    );
    const fields = data.flowLogs.find(f => f.id === filter.flowLog)?.fields;
    const controls = h(
        'div',
        { class: 'filters' },
        select(
            'Flow log',
            'flowLog',
            [['', 'all'], ...data.flowLogs.map(f => [f.id, f.name] as [string, string])],
            filter.flowLog,
            onFilter
        ),
        select(
            'ENI',
            'eni',
            [['', 'all'], ...[...enis].map(([eni, owner]) => [eni, `${eni} (${owner})`] as [string, string])],
            filter.eni,
            onFilter
        ),
        select(
            'Action',
            'action',
            [
                ['', 'all'],
                ['ACCEPT', 'ACCEPT'],
                ['REJECT', 'REJECT']
            ],
            filter.action,
            onFilter
        ),
        h(
            'span',
            { class: 'count', role: 'status' },
            `${shown.length} of ${data.records.length} records${data.recordsOmitted ? ` (${data.recordsOmitted} more not shown)` : ''}`
        )
    );
    const destinations = h(
        'ul',
        { class: 'destinations' },
        ...data.flowLogs.map(f =>
            h('li', {}, h('strong', {}, f.name), ` → ${f.destination ?? 'no destination'} · fields: `, h('code', {}, f.fields.join(' ')))
        )
    );
    return h(
        'section',
        { class: 'flow-logs' },
        h(
            'p',
            { class: 'note' },
            `Simulated clock from ${data.startTime}, probes 10 s apart. Flow logs are not real time: AWS delivers records minutes after each aggregation window closes.`
        ),
        destinations,
        controls,
        h(
            'table',
            { class: 'records' },
            h(
                'thead',
                {},
                h(
                    'tr',
                    {},
                    ...['flow log', 'probe', 'ENI', 'action', fields ? fields.join(' ') : 'record'].map(t => h('th', { scope: 'col' }, t))
                )
            ),
            h(
                'tbody',
                {},
                ...shown.map(r =>
                    h(
                        'tr',
                        { class: r.action === 'REJECT' ? 'reject' : '' },
                        h('td', {}, names.get(r.flowLog) ?? r.flowLog),
                        h('td', {}, probes.get(r.probe) ?? ''),
                        h('td', {}, `${r.eni} (${r.ownerName})`),
                        h('td', {}, r.action),
                        h('td', { class: 'record' }, r.record)
                    )
                )
            )
        )
    );
}
