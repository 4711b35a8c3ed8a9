/**
 * The "Changes" tab: what the workspace opens, closes or rejects for another reason compared with
 * a git revision, each change with the hop that decides it on both sides and the lines that cause
 * it (click to reveal), and the selected change's paths drawn on the diagram in two colours.
 */
import type { DecidingHop, ElementChange, SideVerdict } from '../model/diff.js';
import type { SourceLocation } from '../model/topology.js';
import type { CompareChange, CompareResult } from '../protocol.js';
import type { Diagram } from './diagram.js';
import { h } from './tables.js';

const GROUPS: Array<{ kinds: Array<CompareChange['kind']>; title: string }> = [
    { kinds: ['opened'], title: 'Newly open' },
    { kinds: ['closed'], title: 'Newly closed' },
    { kinds: ['reason'], title: 'Changed reason' },
    { kinds: ['added', 'removed'], title: 'Probes added or removed' }
];

function verdictText(v: SideVerdict): string {
    return v.verdict === 'REJECT' && v.reason ? `REJECT ${v.reason}` : v.verdict;
}

function hopText(hop: DecidingHop | undefined): string {
    return hop ? `${hop.kind} ${hop.name}: ${hop.detail}` : '—';
}

function fileName(uri: string): string {
    return decodeURIComponent(uri.split('/').pop() ?? uri);
}

export class ChangesView {
    readonly element = h('section', { id: 'view-changes', role: 'tabpanel', 'aria-labelledby': 'tab-changes', class: 'view view-changes' });
    private result: CompareResult | null = null;
    private selected: string | null = null;

    constructor(
        private readonly diagram: Diagram,
        private readonly onReveal: (loc: SourceLocation) => void,
        private readonly onShowDiagram: () => void
    ) {
        this.render();
    }

    /** A new answer: the selection is kept when the same change is still there (by its title, as ids follow the order). */
    update(result: CompareResult | null): void {
        const title = this.change()?.title;
        this.result = result;
        this.selected = result?.changes.find(c => c.title === title)?.id ?? null;
        this.render();
        this.redraw();
    }

    private change(): CompareChange | undefined {
        return this.result?.changes.find(c => c.id === this.selected);
    }

    /** Draws the selected change's paths again (after the diagram is drawn anew). */
    redraw(): void {
        const change = this.change();
        this.diagram.drawPaths(
            change
                ? [
                      { hops: change.pathBefore, className: 'compare-before', offset: -4 },
                      { hops: change.pathAfter, className: 'compare-after', offset: 4 }
                  ]
                : []
        );
    }

    private select(id: string): void {
        this.selected = this.selected === id ? null : id;
        this.render();
        this.redraw();
    }

    private render(): void {
        const result = this.result;
        if (!result) {
            this.element.replaceChildren(
                h(
                    'p',
                    { class: 'hint' },
                    'Run “VPC: Compare Reachability with…” to see what the workspace opens or closes compared with a git revision.'
                )
            );
            return;
        }
        const head = h(
            'p',
            { class: 'compare-head' },
            `Compared with ${result.revision}${result.commit ? ` (${result.commit.slice(0, 7)})` : ''}: `,
            h('span', { class: 'legend compare-before' }, 'before'),
            ' ',
            h('span', { class: 'legend compare-after' }, 'after')
        );
        if (result.error) {
            this.element.replaceChildren(head, h('p', { class: 'banner', role: 'alert' }, result.error));
            return;
        }
        if (result.changes.length === 0) {
            const elements = result.elements.length;
            this.element.replaceChildren(
                head,
                h(
                    'p',
                    { class: 'empty' },
                    elements === 0
                        ? 'Nothing differs.'
                        : `${elements} element${elements === 1 ? '' : 's'} differ, but no flow or probe changes verdict.`
                )
            );
            return;
        }
        const groups = GROUPS.map(group => {
            const changes = result.changes.filter(c => group.kinds.includes(c.kind));
            if (changes.length === 0) return undefined;
            const list = h('ul', { class: 'change-list', role: 'listbox', 'aria-label': group.title });
            for (const change of changes) list.append(this.item(change));
            return h(
                'div',
                { class: 'change-group', 'data-group': group.kinds[0]! },
                h('h2', {}, `${group.title} (${changes.length})`),
                list
            );
        }).filter((g): g is HTMLDivElement => g !== undefined);
        this.element.replaceChildren(head, ...groups);
    }

    private item(change: CompareChange): HTMLElement {
        const selected = change.id === this.selected;
        const item = h(
            'li',
            {
                role: 'option',
                tabindex: '0',
                class: `change change-${change.kind}${selected ? ' selected' : ''}`,
                'data-change': change.id,
                'aria-selected': String(selected)
            },
            h('span', { class: 'change-title' }, change.title),
            h('span', { class: 'change-verdicts' }, `${verdictText(change.before)} → ${verdictText(change.after)}`)
        );
        const choose = () => this.select(change.id);
        item.addEventListener('click', choose);
        item.addEventListener('keydown', event => {
            if (event.target === item && (event.key === 'Enter' || event.key === ' ')) {
                event.preventDefault();
                choose();
            }
        });
        if (!selected) return item;
        const details = h(
            'div',
            { class: 'change-details' },
            h('div', { class: 'hop compare-before' }, h('strong', {}, 'before: '), hopText(change.hopBefore)),
            h('div', { class: 'hop compare-after' }, h('strong', {}, 'after: '), hopText(change.hopAfter)),
            this.causes(change.causes)
        );
        const show = h('button', { type: 'button', class: 'show-diagram' }, 'Show paths on the diagram');
        show.addEventListener('click', event => {
            event.stopPropagation();
            this.onShowDiagram();
        });
        details.append(show);
        item.append(details);
        return item;
    }

    private causes(causes: readonly ElementChange[]): HTMLElement {
        if (causes.length === 0) return h('p', { class: 'note' }, 'No single changed element flips it back: several act together.');
        const list = h('ul', { class: 'causes', 'aria-label': 'Caused by' });
        for (const cause of causes) {
            const text = `${cause.change} ${cause.text}`;
            const at = cause.after;
            if (!at) {
                list.append(h('li', {}, text, h('span', { class: 'note' }, ' (no longer written)')));
                continue;
            }
            const button = h(
                'button',
                { type: 'button', class: 'cause', title: 'Reveal in the editor' },
                text,
                h('span', { class: 'place' }, ` ${fileName(at.uri)}:${at.range.start.line + 1}`)
            );
            button.addEventListener('click', event => {
                event.stopPropagation();
                this.onReveal(at);
            });
            list.append(h('li', {}, button));
        }
        return list;
    }
}
