/**
 * The search box: a combobox (ARIA 1.2 pattern) over every element's name. Arrow keys move
 * through the matches, Enter goes to one, Escape closes the list.
 */
import { search, type Findable } from './find.js';
import { h } from './tables.js';

export class SearchBox {
    readonly element: HTMLElement;
    private readonly input: HTMLInputElement;
    private readonly list: HTMLElement;
    private matches: Findable[] = [];
    private active = -1;
    private elements: () => readonly Findable[] = () => [];

    constructor(private readonly onChoose: (element: Findable) => void) {
        this.input = h('input', {
            type: 'search',
            class: 'search-input',
            placeholder: 'Find…',
            role: 'combobox',
            'aria-label': 'Find an element by name',
            'aria-expanded': 'false',
            'aria-controls': 'search-results',
            'aria-autocomplete': 'list',
            autocomplete: 'off',
            spellcheck: 'false'
        });
        this.list = h('ul', { id: 'search-results', class: 'search-results', role: 'listbox', 'aria-label': 'Matches', hidden: '' });
        this.element = h('div', { class: 'search' }, this.input, this.list);
        this.input.addEventListener('input', () => this.refresh());
        this.input.addEventListener('keydown', event => this.key(event));
        this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    }

    /** `elements`: asked when the list is searched, so that the names are gathered at the first search, not at each update. */
    setElements(elements: () => readonly Findable[]): void {
        this.elements = elements;
        if (!this.list.hidden) this.refresh();
    }

    focus(): void {
        this.input.focus();
        this.input.select();
    }

    private refresh(): void {
        this.matches = search(this.elements(), this.input.value);
        this.active = this.matches.length > 0 ? 0 : -1;
        this.list.replaceChildren(
            ...this.matches.map((m, i) => {
                const item = h(
                    'li',
                    { role: 'option', id: `search-${i}`, class: 'search-match', 'data-id': m.id, 'aria-selected': 'false' },
                    h('span', { class: 'search-name' }, m.name),
                    h('span', { class: 'search-kind' }, ` ${m.kind}${m.vpc ? ` · ${m.vpc.split(':').pop()}` : ''}`)
                );
                item.addEventListener('mousedown', event => {
                    event.preventDefault();
                    this.choose(i);
                });
                return item;
            })
        );
        if (this.input.value.trim() && this.matches.length === 0)
            this.list.append(h('li', { class: 'search-none' }, 'Nothing by that name'));
        const open = this.input.value.trim() !== '';
        this.list.hidden = !open;
        this.input.setAttribute('aria-expanded', String(open));
        this.mark();
    }

    private mark(): void {
        this.list.querySelectorAll('[role="option"]').forEach((node, i) => node.setAttribute('aria-selected', String(i === this.active)));
        if (this.active >= 0) {
            this.input.setAttribute('aria-activedescendant', `search-${this.active}`);
            this.list.querySelector(`#search-${this.active}`)?.scrollIntoView({ block: 'nearest' });
        } else {
            this.input.removeAttribute('aria-activedescendant');
        }
    }

    private key(event: KeyboardEvent): void {
        const n = this.matches.length;
        if (event.key === 'ArrowDown' && n > 0) {
            event.preventDefault();
            if (this.list.hidden) this.refresh();
            else this.active = (this.active + 1) % n;
            this.mark();
        } else if (event.key === 'ArrowUp' && n > 0) {
            event.preventDefault();
            this.active = (this.active - 1 + n) % n;
            this.mark();
        } else if (event.key === 'Enter' && this.active >= 0) {
            event.preventDefault();
            this.choose(this.active);
        } else if (event.key === 'Escape') {
            event.preventDefault();
            if (this.list.hidden) this.input.value = '';
            this.close();
        }
    }

    private choose(i: number): void {
        const match = this.matches[i];
        if (!match) return;
        this.close();
        this.onChoose(match);
    }

    private close(): void {
        this.list.hidden = true;
        this.input.setAttribute('aria-expanded', 'false');
        this.input.removeAttribute('aria-activedescendant');
    }
}
