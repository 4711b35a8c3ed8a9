/**
 * What `vpc-lab diff` answers, as plain data: the probes and flows whose verdict changed between
 * two topologies, why, and which written elements caused it. Shared by the command line and,
 * later, the editor.
 */
import type { RejectReason } from './reasons.js';
import type { HopKind } from './trace.js';
import type { Protocol, SourceLocation } from './topology.js';

/** A verdict on one side; `ABSENT` when the flow's source or destination does not exist there. */
export interface SideVerdict {
    verdict: 'ACCEPT' | 'REJECT' | 'ABSENT';
    reason: RejectReason | null;
}

/** opened: not accepted before, accepted after; closed: the reverse; reason: rejected on both sides, for another reason. */
export type ChangeKind = 'opened' | 'closed' | 'reason';

/** One written element (or part of one: a rule, a route) that differs between the sides. */
export interface ElementChange {
    change: 'added' | 'removed' | 'changed';
    /** The element's model id (for a rule or route: the group, ACL or table that holds it). */
    element: string;
    /** In words: `security-group app.db: ingress tcp 5432 from 0.0.0.0/0`. */
    text: string;
    /** Where it is written on each side (none for what AWS creates implicitly). */
    before?: SourceLocation;
    after?: SourceLocation;
}

/** The hop that decides a flow on one side: the first that rejects, or on the accepting side the same place passed. */
export interface DecidingHop {
    kind: HopKind;
    name: string;
    vpc: string | null;
    detail: string;
    elementId?: string;
}

export interface Traffic {
    protocol: Protocol;
    port: number | null;
}

/**
 * Flows that changed the same way: every source to every destination (an instance never to
 * itself). Sources and destinations are `vpc.instance`, `internet`, or `service NAME`.
 */
export interface FlowChange extends Traffic {
    kind: ChangeKind;
    sources: string[];
    destinations: string[];
    before: SideVerdict;
    after: SideVerdict;
    /** Traced on one representative source and destination. */
    hopBefore?: DecidingHop;
    hopAfter?: DecidingHop;
    /**
     * The changed elements whose reversion alone (to their BEFORE state, on the AFTER topology)
     * flips this flow back: computed by re-simulating, not guessed. Empty when no single
     * reversion does (several changes act together).
     */
    causes: ElementChange[];
}

export interface ProbeChange {
    name: string;
    text: string;
    kind: ChangeKind | 'added' | 'removed';
    before: SideVerdict;
    after: SideVerdict;
    hopBefore?: DecidingHop;
    hopAfter?: DecidingHop;
    /** Where the probe is written on the AFTER side (BEFORE when it was removed). */
    loc?: SourceLocation;
    causes: ElementChange[];
}

export interface TopologyDiff {
    /** The traffic every flow was tried with. */
    traffic: Traffic[];
    elements: ElementChange[];
    probes: ProbeChange[];
    flows: FlowChange[];
    /** How many source classes were simulated (only those a changed element can affect). */
    simulatedSources: number;
}
