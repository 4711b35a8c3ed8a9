/** Where the page runs: a VS Code webview (messages and saved state through its API) or a standalone file (neither). */
import type { PageMessage, PageState } from '../protocol.js';

export interface Host {
    post(message: PageMessage): void;
    getState(): unknown;
    setState(state: PageState): void;
    standalone: boolean;
}

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

export function connect(): Host {
    if (typeof acquireVsCodeApi === 'function') {
        const api = acquireVsCodeApi();
        return { post: m => api.postMessage(m), getState: () => api.getState(), setState: s => api.setState(s), standalone: false };
    }
    let saved: unknown;
    return {
        post: () => undefined,
        getState: () => saved,
        setState: s => {
            saved = s;
        },
        standalone: true
    };
}
