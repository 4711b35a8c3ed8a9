/**
 * Completion in context, on top of Langium's keywords and names in scope: a region's AZs, the
 * services of each endpoint kind, the next free block for a subnet's `cidr`, common ports, and
 * route targets limited to the route table's own VPC (and its peerings).
 */
import {
    AstUtils,
    GrammarAST,
    URI,
    type AstNodeDescription,
    type LangiumDocuments,
    type MaybePromise,
    type ReferenceInfo,
    type Stream,
    type TextDocument
} from 'langium';
import {
    DefaultCompletionProvider,
    type CompletionAcceptor,
    type CompletionContext,
    type LangiumServices,
    type NextFeature
} from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { COMMON_PORTS, INTERFACE_SERVICES, availabilityZones } from '../../model/aws-catalog.js';
import { nextFreeBlock, parseCidr } from '../../simulator/cidr.js';
import { GATEWAY_SERVICES } from '../../simulator/services.js';
import { isRoute, isSubnet, isVpc, type Vpc, type Workspace } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';

export class VpcCompletionProvider extends DefaultCompletionProvider {
    private readonly model: WorkspaceModel;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices & VpcAddedServices) {
        super(services);
        this.model = services.workspace.WorkspaceModel;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /**
     * What may come at `offset`. Langium finds it by parsing the text from the start of the file;
     * statements at the top level do not depend on each other, so parsing from the start of the
     * statement before the one the cursor is in finds the same (one statement before, so that the
     * cursor's statement is parsed as a later one, as in the whole file), at a cost that does not
     * grow with the file.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.statementStart(document, offset);
        if (start <= 0) return super.findFeaturesAt(document, offset);
        const text = document.getText();
        // The document as Langium's search reads it (its text up to a position), beginning at the statement.
        const fromStatement: Pick<TextDocument, 'uri' | 'positionAt' | 'offsetAt' | 'getText'> = {
            uri: document.uri,
            positionAt: at => document.positionAt(at),
            offsetAt: position => document.offsetAt(position),
            getText: range => (range ? text.slice(start, document.offsetAt(range.end)) : text.slice(start))
        };
        return super.findFeaturesAt(fromStatement as TextDocument, offset);
    }

    /** The offset of the top-level statement before the one that starts last at or before `offset` (0 when none). */
    private statementStart(document: TextDocument, offset: number): number {
        const root = this.documents.getDocument(URI.parse(document.uri))?.parseResult.value as Workspace | undefined;
        const statements = root?.statements ?? [];
        let lo = 0;
        let hi = statements.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if ((statements[mid]!.$cstNode?.offset ?? Infinity) <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo < 2 ? 0 : (statements[lo - 2]!.$cstNode?.offset ?? 0);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // Inside a datatype rule (Name, Address) the feature is a token of that rule; the slot being filled
        // is the assignment's property on the node being built. Nested datatype rules (ServiceName → Name)
        // lose the property: the keyword before the token tells it then.
        const property = next.property ?? wordBefore(context);
        const owner = next.type ?? context.node?.$type;
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const value = (label: string, detail: string, kind: CompletionItemKind = CompletionItemKind.Value, sortText?: string) =>
            acceptor(context, { label, detail, kind, sortText });
        if (property === 'az' && owner === 'Subnet') {
            const region = this.regionOf(context);
            availabilityZones(region).forEach((az, i) =>
                value(az, `Availability Zone of ${region}`, CompletionItemKind.EnumMember, String(i).padStart(2, '0'))
            );
            return;
        }
        if (
            (property === 'service' && owner === 'GatewayEndpoint') ||
            property === 'prefix-list' ||
            (property === 'service' && owner === 'PrefixListRef')
        ) {
            for (const service of GATEWAY_SERVICES)
                value(
                    service,
                    owner === 'GatewayEndpoint' && property === 'service'
                        ? `gateway endpoint for ${service}`
                        : `AWS-managed prefix list of ${service}`,
                    CompletionItemKind.EnumMember
                );
            return;
        }
        if (property === 'service' && owner === 'InterfaceEndpoint') {
            for (const [service, what] of Object.entries(INTERFACE_SERVICES)) value(service, what, CompletionItemKind.EnumMember);
            return;
        }
        if (property === 'value' && owner === 'CidrProp') {
            const block = this.nextSubnetBlock(context);
            if (block) value(block, 'the first free block of this size in the VPC', CompletionItemKind.Value, '00');
            return;
        }
        // Any word may be a name: a name's slot offers the names in scope, not every keyword of the language.
        if (rule === 'Name' && GrammarAST.isKeyword(next.feature)) return;
        if (rule === 'PortRange' || property === 'ports') {
            COMMON_PORTS.forEach((p, i) => value(p.port, p.label, CompletionItemKind.Value, String(i).padStart(2, '0')));
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    /** Route targets: names of the table's own VPC and the peerings it is a side of; no other VPC's gateways. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        if (!isRoute(refInfo.container)) return candidates;
        const vpc = AstUtils.getContainerOfType(refInfo.container, isVpc);
        // The VPC's peerings, from the model: no peering's AST is loaded to ask it for its sides.
        const snapshot = this.model.get(refInfo.container);
        const id = vpc && snapshot.ids.get(vpc);
        const own =
            id === undefined
                ? undefined
                : new Set(snapshot.topology.peerings.filter(p => p.requester === id || p.accepter === id).map(p => p.name));
        return candidates.filter(d => {
            if (d.type === 'Peering') return !own || own.has(d.name);
            return !d.name.includes('.');
        });
    }

    private vpcOf(context: CompletionContext): Vpc | undefined {
        return context.node ? AstUtils.getContainerOfType(context.node, isVpc) : undefined;
    }

    private regionOf(context: CompletionContext): string {
        const vpcNode = this.vpcOf(context);
        const snapshot = this.model.get(context.document);
        const id = vpcNode && snapshot.ids.get(vpcNode);
        return snapshot.topology.vpcs.find(v => v.id === id)?.region ?? 'us-east-1';
    }

    /** For `cidr` in a subnet: the first free block inside the VPC's blocks, the size of its sibling subnets (or /24). */
    private nextSubnetBlock(context: CompletionContext): string | undefined {
        const subnet = context.node && AstUtils.getContainerOfType(context.node, isSubnet);
        const vpcNode = this.vpcOf(context);
        if (!subnet || !vpcNode) return undefined;
        const snapshot = this.model.get(vpcNode);
        const vpc = snapshot.topology.vpcs.find(v => v.id === snapshot.ids.get(vpcNode));
        if (!vpc) return undefined;
        const own = snapshot.ids.get(subnet);
        const siblings = snapshot.topology.subnets.filter(s => s.vpc === vpc.id && s.id !== own);
        const used = siblings.flatMap(s => {
            const parsed = s.cidr && parseCidr(s.cidr.value);
            return parsed?.ok ? [parsed.value] : [];
        });
        const prefix = used.at(-1)?.prefix ?? 24;
        for (const text of vpc.cidrs.map(c => c.value)) {
            const parent = parseCidr(text);
            if (!parent.ok || parent.value.family !== 4) continue;
            const block = nextFreeBlock(parent.value, used, Math.max(prefix, parent.value.prefix));
            if (block) return block;
        }
        return undefined;
    }
}

/** The last word before the token being completed: the keyword that opens the slot. */
function wordBefore(context: CompletionContext): string | undefined {
    const before = context.textDocument.getText().slice(Math.max(0, context.tokenOffset - 100), context.tokenOffset);
    return /([A-Za-z][\w-]*)\s*$/.exec(before)?.[1];
}
