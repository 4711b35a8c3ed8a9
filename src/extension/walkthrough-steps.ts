/**
 * The "first hour" walkthrough's steps: each opens a teaching example and is done when every
 * probe of that file meets its expectation (VS Code marks the step through `onContext:`).
 */
import { probeAsExpected, type ProbesResult } from '../protocol.js';

export interface WalkthroughStep {
    id: string;
    file: string;
}

export const WALKTHROUGH_STEPS: readonly WalkthroughStep[] = [
    { id: 'flowLogs', file: 'flow-logs.vpc' },
    { id: 'egressOnly', file: 'ipv6-egress.vpc' },
    { id: 'gatewayEndpoints', file: 'gateway-endpoints.vpc' },
    { id: 'interfaceEndpoints', file: 'interface-endpoints.vpc' },
    { id: 'peering', file: 'tour.vpc' },
    // Ships with a failing probe: done only once the reader's fix makes it pass.
    { id: 'fixProbe', file: 'fix-a-probe.vpc' }
];

/** The context key a step's completion event waits for. */
export function stepContext(step: WalkthroughStep): string {
    return `vpcLab.walkthrough.${step.id}`;
}

/** The steps whose example has probes, all as expected: a file with a failing probe (or none) is not done. */
export function completedSteps(probes: ProbesResult): WalkthroughStep[] {
    return WALKTHROUGH_STEPS.filter(step => {
        const mine = probes.filter(p => p.loc && decodeURIComponent(p.loc.uri).endsWith(`/${step.file}`));
        return mine.length > 0 && mine.every(probeAsExpected);
    });
}
