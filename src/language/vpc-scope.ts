/**
 * Scoping. A name resolves in its own VPC first, then as `vpc.name` from anywhere. Top-level
 * statements (probes, buckets) may also use a VPC resource's bare name when only one VPC has it.
 */
import {
    AstUtils,
    DefaultLinker,
    interruptAndCheck,
    DefaultScopeComputation,
    DefaultScopeProvider,
    EMPTY_SCOPE,
    MultiMap,
    MultiMapScope,
    WorkspaceCache,
    stream,
    type AstNode,
    type AstNodeDescription,
    type LangiumCoreServices,
    type LangiumDocument,
    type LinkingError,
    type LocalSymbols,
    type ReferenceInfo,
    type Scope,
    type Stream
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';

/** How many AST nodes a batch walk visits between yields to the event loop. */
export const YIELD_EVERY = 2048;
import { isVpc, type Workspace } from './generated/ast.js';
import { ENI_OWNER_KINDS, KINDS, ROUTE_TARGET_KINDS, type ModelKind } from '../model/kinds.js';
import { kindInfoOfType } from './kinds.js';
import type { Designs } from './designs.js';

export class VpcScopeComputation extends DefaultScopeComputation {
    /** Exports accounts, VPCs, peerings, buckets and named probes by name; VPC resources as `vpc.name`. */
    override async collectExportedSymbols(document: LangiumDocument, _cancelToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as Workspace;
        const exports: AstNodeDescription[] = [];
        for (const statement of root.statements ?? []) {
            const name = this.nameProvider.getName(statement);
            if (!name) continue;
            exports.push(this.descriptions.createDescription(statement, name, document));
            if (!isVpc(statement)) continue;
            for (const member of statement.members) {
                const memberName = this.nameProvider.getName(member);
                if (memberName) exports.push(this.descriptions.createDescription(member, `${name}.${memberName}`, document));
            }
        }
        return exports;
    }

    /** Only statements and VPC members carry names: collect those, not every node of the tree. */
    override async collectLocalSymbols(document: LangiumDocument, _cancelToken = CancellationToken.None): Promise<LocalSymbols> {
        const root = document.parseResult.value as Workspace;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const statement of root.statements ?? []) {
            const name = this.nameProvider.getName(statement);
            if (name) symbols.add(root, this.descriptions.createDescription(statement, name, document));
            if (!isVpc(statement)) continue;
            for (const member of statement.members) {
                const memberName = this.nameProvider.getName(member);
                if (memberName) symbols.add(statement, this.descriptions.createDescription(member, memberName, document));
            }
        }
        return symbols;
    }
}

function simpleName(qualified: string): string {
    const dot = qualified.indexOf('.');
    return dot < 0 ? qualified : qualified.slice(dot + 1);
}

/** The bare names of VPC resources of one type across the workspace, each with every holder. */
type SimpleNames = Map<string, AstNodeDescription[]>;

export class VpcScopeProvider extends DefaultScopeProvider {
    private readonly simpleNames: WorkspaceCache<string, SimpleNames>;
    private readonly designScopes: WorkspaceCache<string, Scope>;
    private readonly designs: Designs;

    constructor(services: LangiumCoreServices & { workspace: { Designs: Designs } }) {
        super(services);
        this.simpleNames = new WorkspaceCache(services.shared);
        this.designScopes = new WorkspaceCache(services.shared);
        this.designs = services.workspace.Designs;
    }

    /** The names exported by the documents of the reference's own design only. */
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        if (this.designs.single) return super.getGlobalScope(referenceType, context);
        const design = this.designs.designOf(context.container);
        return this.designScopes.get(`${design}\n${referenceType}`, () => new MultiMapScope(this.elementsOf(referenceType, design)));
    }

    private elementsOf(type: string, design: string): Stream<AstNodeDescription> {
        const all = this.indexManager.allElements(type);
        return this.designs.single ? all : all.filter(d => this.designs.designOfUri(d.documentUri) === design);
    }

    /** Inside a VPC: its own resources by name, then the global scope; elsewhere global names and unique bare names. */
    override getScope(context: ReferenceInfo): Scope {
        const type = this.reflection.getReferenceType(context);
        const global = this.getGlobalScope(type, context);
        const vpc = AstUtils.getContainerOfType(context.container, isVpc);
        if (vpc) return new TypedMapScope(this.membersOf(vpc), type, this.reflection, global);
        const root = AstUtils.findRootNode(context.container);
        const local = AstUtils.getDocument(root).localSymbols;
        const statements = local?.has(root)
            ? new TypedMapScope(this.byName(local.getStream(root).toArray()), type, this.reflection, global)
            : global;
        return new UniqueSimpleNameScope(statements, this.simpleNamesOf(type, this.designs.designOf(root)));
    }

    private readonly vpcMembers = new WeakMap<AstNode, Map<string, AstNodeDescription[]>>();

    private membersOf(vpc: AstNode): Map<string, AstNodeDescription[]> {
        let members = this.vpcMembers.get(vpc);
        if (!members) {
            const local = AstUtils.getDocument(vpc).localSymbols;
            members = this.byName(local?.has(vpc) ? local.getStream(vpc).toArray() : []);
            this.vpcMembers.set(vpc, members);
        }
        return members;
    }

    private byName(descriptions: readonly AstNodeDescription[]): Map<string, AstNodeDescription[]> {
        const map = new Map<string, AstNodeDescription[]>();
        for (const d of descriptions) {
            const list = map.get(d.name);
            if (list) list.push(d);
            else map.set(d.name, [d]);
        }
        return map;
    }

    /** `design`: the design whose documents hold the names (one design, unless the server says otherwise). */
    simpleNamesOf(type: string, design: string): SimpleNames {
        return this.simpleNames.get(`${design}\n${type}`, () => {
            const names: SimpleNames = new Map();
            for (const description of this.elementsOf(type, design)) {
                if (!description.name.includes('.')) continue;
                const simple = simpleName(description.name);
                const list = names.get(simple);
                if (list) list.push(description);
                else names.set(simple, [description]);
            }
            return names;
        });
    }
}

/** Names of one container, looked up by name and then filtered by the reference's type. */
class TypedMapScope implements Scope {
    constructor(
        private readonly names: Map<string, AstNodeDescription[]>,
        private readonly type: string,
        private readonly reflection: { isSubtype(sub: string, sup: string): boolean },
        private readonly outer: Scope = EMPTY_SCOPE
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.names.get(name)?.find(d => this.reflection.isSubtype(d.type, this.type)) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const own = (this.names.get(name) ?? []).filter(d => this.reflection.isSubtype(d.type, this.type));
        return stream(own).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        const own = [...this.names.values()].flat().filter(d => this.reflection.isSubtype(d.type, this.type));
        return stream(own).concat(this.outer.getAllElements());
    }
}

class UniqueSimpleNameScope implements Scope {
    constructor(
        private readonly outer: Scope,
        private readonly names: SimpleNames
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        const found = this.outer.getElement(name);
        if (found) return found;
        const holders = this.names.get(name);
        return holders?.length === 1 ? holders[0] : undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return stream(element ? [element] : []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const unique = [...this.names.values()].filter(list => list.length === 1).map(list => list[0]!);
        return this.outer.getAllElements().concat(unique);
    }
}

/** Linking errors that say what the user meant: an ambiguous bare name, or a name in another VPC. */
export class VpcLinker extends DefaultLinker {
    private readonly scopes: VpcScopeProvider;
    private readonly designs: Designs;

    constructor(services: LangiumCoreServices & { workspace: { Designs: Designs } }) {
        super(services);
        this.scopes = services.references.ScopeProvider as VpcScopeProvider;
        this.designs = services.workspace.Designs;
    }

    /**
     * Links every reference of a document. The default walks the tree with an `await` per node;
     * here the walk is synchronous and yields to the event loop (and to cancellation) in batches.
     */
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        let visited = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (++visited % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
            for (const ref of AstUtils.streamReferences(node)) this.doLink(ref, document);
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const text = refInfo.reference.$refText;
        const type = this.reflection.getReferenceType(refInfo);
        const kind = kindWords(type);
        const holders = text.includes('.')
            ? []
            : (this.scopes.simpleNamesOf(type, this.designs.designOf(refInfo.container)).get(text) ?? []);
        const names = holders.map(h => h.name);
        const vpc = AstUtils.getContainerOfType(refInfo.container, isVpc);
        if (names.length > 1 && !vpc) {
            error.message = `'${text}' is ambiguous: ${names.join(', ')} all have that name. Qualify it as vpc.name.`;
        } else if (names.length > 0) {
            error.message = vpc
                ? `No ${kind} named '${text}' in VPC ${vpc.name}: resources of another VPC are named with their VPC, e.g. ${names[0]}.`
                : `No ${kind} named '${text}' outside a VPC: name it with its VPC, e.g. ${names[0]}.`;
        } else {
            error.message = `No ${kind} named '${text}'.`;
        }
        return error;
    }
}

/** How a message names what a reference of `type` may name: a kind, or the kinds of a union rule. */
function kindWords(type: string): string {
    const unions: Record<string, [string, readonly ModelKind[]]> = {
        RouteTarget: ['route target', ROUTE_TARGET_KINDS],
        EniOwner: ['ENI owner', ENI_OWNER_KINDS]
    };
    const union = unions[type];
    if (union) {
        const words = union[1].map(kind => KINDS[kind].words);
        return `${union[0]} (${words.slice(0, -1).join(', ')} or ${words[words.length - 1]})`;
    }
    return kindInfoOfType(type)?.words ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
