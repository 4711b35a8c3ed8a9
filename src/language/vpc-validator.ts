/**
 * Validation. Structural rules of the text are checked here on the AST; everything about the
 * network comes from the topology checks over the workspace model, placed on this document.
 */
import {
    AstUtils,
    DefaultDocumentValidator,
    DocumentValidator,
    interruptAndCheck,
    type AstNode,
    type LangiumDocument,
    type ParseResult,
    type ValidationAcceptor,
    type ValidationChecks,
    type ValidationOptions
} from 'langium';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { YIELD_EVERY } from './vpc-scope.js';
import { UNCLOSED_COMMENT } from './vpc-lexer.js';
import { NAMED_AST_TYPES, astKind } from './kinds.js';
import { DiagnosticCodes, isDiagnosticCode, type DiagnosticCode } from '../model/codes.js';
import { REJECT_REASONS } from '../model/reasons.js';
import type * as ast from './generated/ast.js';
import type { VpcLabAstType } from './generated/ast.js';
import type { VpcServices } from './vpc-module.js';
import type { SeveritySettings } from './severity-settings.js';
import type { WorkspaceModel } from './workspace-model.js';

export function registerValidationChecks(services: VpcServices): void {
    const validator = services.validation.VpcValidator;
    const checks: ValidationChecks<VpcLabAstType> = {
        Workspace: validator.checkTopology,
        Account: validator.checkAccount,
        Vpc: validator.checkVpc,
        FlowLog: validator.checkFlowLog,
        SecurityGroup: validator.checkRulePorts,
        NetworkAcl: validator.checkRulePorts,
        Probe: validator.checkProbe
    };
    // Every other kind whose block has properties allowed once gets the check of repeats.
    for (const type of NAMED_AST_TYPES) {
        if (astKind(type)?.once && !(type in checks)) (checks as Record<string, unknown>)[type] = validator.checkRepeats;
    }
    services.validation.ValidationRegistry.register(checks, validator, 'fast');
}

export class VpcValidator {
    private readonly model: WorkspaceModel;

    constructor(services: VpcServices) {
        this.model = services.workspace.WorkspaceModel;
    }

    checkTopology(node: ast.Workspace, accept: ValidationAcceptor): void {
        const uri = node.$document?.uri.toString();
        if (!uri) return;
        for (const finding of this.model.get(node).findings.get(uri) ?? []) {
            if (!finding.loc) continue;
            accept(DiagnosticCodes[finding.code].severity, finding.message, {
                node,
                range: finding.loc.range,
                code: finding.code,
                data: finding.data,
                relatedInformation: finding.related
                    ?.filter(r => r.loc)
                    .map(r => ({ message: r.message, location: { uri: r.loc!.uri, range: r.loc!.range } }))
            });
        }
    }

    checkAccount(node: ast.Account, accept: ValidationAcceptor): void {
        const text =
            node.accountId !== undefined ? node.accountId : node.accountNumber !== undefined ? String(node.accountNumber) : undefined;
        if (text !== undefined && !/^[0-9]{12}$/.test(text)) {
            accept('error', `An AWS account id is 12 digits; '${text}' is not.`, {
                node,
                property: node.accountId !== undefined ? 'accountId' : 'accountNumber',
                code: 'syntax'
            });
        }
    }

    checkVpc(node: ast.Vpc, accept: ValidationAcceptor): void {
        this.repeats(node, node.options, accept);
        this.repeats(
            node,
            node.members.filter(m => m.$type === 'Ipv6Prop'),
            accept
        );
        const dns = node.members.filter((m): m is ast.DnsSetting => m.$type === 'DnsSetting');
        for (const setting of ['dns-support', 'dns-hostnames'])
            this.repeats(
                node,
                dns.filter(d => d.setting === setting),
                accept
            );
        const mains = node.members.filter((m): m is ast.RouteTable => m.$type === 'RouteTable' && m.main);
        for (const extra of mains.slice(1)) {
            accept('error', `${mains[0]!.name} is already the main route table of ${node.name}: a VPC has exactly one main route table.`, {
                node: extra,
                keyword: 'main',
                code: 'syntax'
            });
        }
    }

    checkRepeats(node: AstNode & { props: AstNode[] }, accept: ValidationAcceptor): void {
        this.repeats(node, node.props ?? [], accept);
    }

    checkFlowLog(node: ast.FlowLog, accept: ValidationAcceptor): void {
        this.repeats(node, node.props, accept);
        for (const prop of node.props) {
            if (prop.$type === 'AggregationProp' && prop.value !== '1m' && prop.value !== '10m') {
                accept('error', `The maximum aggregation interval is 1m or 10m (the default); '${prop.value}' is neither.`, {
                    node: prop,
                    property: 'value',
                    code: 'syntax'
                });
            }
        }
    }

    checkRulePorts(node: ast.SecurityGroup | ast.NetworkAcl, accept: ValidationAcceptor): void {
        for (const rule of node.rules) if (rule.ports) this.checkPortRange(rule.ports, accept);
    }

    checkPortRange(node: ast.PortRange, accept: ValidationAcceptor): void {
        const to = node.to ?? node.from;
        if (node.from > 65535 || to > 65535) {
            accept('error', `Ports run from 0 to 65535; ${Math.max(node.from, to)} is outside.`, { node, code: 'syntax' });
        } else if (node.from > to) {
            accept('error', `A port range runs from low to high: write ${to}-${node.from}.`, { node, code: 'syntax' });
        }
    }

    checkProbe(node: ast.Probe, accept: ValidationAcceptor): void {
        if (node.ports) this.checkPortRange(node.ports, accept);
        if ((node.protocol === 'tcp' || node.protocol === 'udp') && !node.ports) {
            accept('error', `A ${node.protocol} probe needs a destination port, e.g. \`${node.protocol} 443\`.`, {
                node,
                property: 'protocol',
                code: 'syntax'
            });
        }
        if (node.ports?.to !== undefined && node.ports.to !== node.ports.from) {
            accept('error', 'A probe is one connection: give one destination port, not a range.', { node: node.ports, code: 'syntax' });
        }
        if (node.expectReason !== undefined) {
            if (node.expect !== 'reject') {
                accept('error', 'Only `expect reject` takes a reason.', { node, property: 'expectReason', code: 'syntax' });
            } else if (!REJECT_REASONS.includes(node.expectReason as never)) {
                accept('error', `'${node.expectReason}' is not a reason the simulator gives; one of ${REJECT_REASONS.join(', ')}.`, {
                    node,
                    property: 'expectReason',
                    code: 'syntax'
                });
            }
        }
    }

    /** Reports every occurrence after the first of each property type. */
    private repeats(owner: AstNode, props: readonly AstNode[], accept: ValidationAcceptor): void {
        const once: Partial<Record<string, string>> = astKind(owner.$type)?.once ?? {};
        const seen = new Set<string>();
        for (const prop of props) {
            const why = once[prop.$type];
            if (why === undefined) continue;
            if (seen.has(prop.$type)) {
                const keyword = prop.$cstNode?.text.split(/\s/)[0] ?? prop.$type;
                const where = 'name' in owner ? ` in ${String(owner.name)}` : '';
                accept('error', `\`${keyword}\` appears more than once${where}: ${why}.`, { node: prop, code: 'syntax' });
            }
            seen.add(prop.$type);
        }
    }
}

/** Gives Langium's own lexer, parser and linker diagnostics our codes, and applies configured severities. */
export class VpcDocumentValidator extends DefaultDocumentValidator {
    private readonly severities: SeveritySettings;

    constructor(services: VpcServices) {
        super(services);
        this.severities = services.validation.SeveritySettings;
    }

    /** A comment left open runs to the end of the text: the blocks it leaves unclosed follow from it and are not reported again. */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const unclosed = parseResult.lexerErrors.some(e => e.message === UNCLOSED_COMMENT);
        const parserErrors = unclosed ? parseResult.parserErrors.filter(e => e.token.tokenType.name !== 'EOF') : parseResult.parserErrors;
        super.processParsingErrors({ ...parseResult, parserErrors }, diagnostics, options);
    }

    /** Checks look at statements and VPC members; nothing below them needs a visit of its own. */
    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions) {
        const base = super.validateSingleNodeOptions(node, options);
        return { ...base, validateChildren: base.validateChildren && (node.$type === 'Workspace' || node.$type === 'Vpc') };
    }

    /** Runs the registered checks over every node; synchronous checks run without an `await` per node. */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken = CancellationToken.None
    ): Promise<void> {
        let visited = 0;
        const nodes = AstUtils.streamAst(rootNode).iterator();
        for (const node of nodes) {
            if (++visited % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                    const result = check(node, acceptor, cancelToken);
                    if (result) await result;
                }
            }
            if (!nodeOptions.validateChildren) nodes.prune();
        }
    }

    override async validateDocument(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken?: CancellationToken
    ): Promise<Diagnostic[]> {
        const diagnostics = keywordsAsNames(document, await super.validateDocument(document, options, cancelToken));
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const code = codeOf(diagnostic);
            const severity = this.severities.severityOf(code, diagnostic.severity);
            if (severity === undefined) continue;
            result.push({ ...diagnostic, code, severity, source: 'vpc-lab' });
        }
        return result;
    }
}

const PROTOCOLS = new Set(['tcp', 'udp', 'icmp', 'all']);
const DESTINATION_WORDS = {
    service: 'an AWS service',
    endpoint: 'an interface endpoint',
    'public-dns': 'a public DNS name',
    'load-balancer': 'a load balancer'
} as const;

/**
 * In a probe, `-> service`, `-> endpoint`, `-> public-dns` and `-> load-balancer` start a destination of that kind,
 * so `probe a -> service tcp 443` for an instance named `service` reads `tcp` as the service and
 * then stumbles. Said once, with the way to write it, instead of the parser's and linker's words.
 */
function keywordsAsNames(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
    const root = document.parseResult.value as ast.Workspace;
    let result = diagnostics;
    for (const statement of root.statements ?? []) {
        if (statement.$type !== 'Probe' || statement.protocol || !statement.destination?.$cstNode) continue;
        const destination = statement.destination;
        const word =
            destination.kind === 'service'
                ? destination.service
                : (destination.endpoint?.$refText ?? destination.loadBalancer?.$refText ?? destination.instance?.$refText);
        if (destination.kind === undefined || destination.kind === 'internet' || word === undefined || !PROTOCOLS.has(word)) continue;
        const probe = statement.$cstNode!.range;
        const inside = (d: Diagnostic) =>
            (d.range.start.line > probe.start.line ||
                (d.range.start.line === probe.start.line && d.range.start.character >= probe.start.character)) &&
            (d.range.start.line < probe.end.line ||
                (d.range.start.line === probe.end.line && d.range.start.character <= probe.end.character + 1));
        result = result.filter(d => !inside(d));
        result.push({
            range: destination.$cstNode!.range,
            severity: 1,
            code: 'syntax',
            message: `\`${destination.kind}\` here starts ${DESTINATION_WORDS[destination.kind]} destination, so \`${word}\` is read as its name: an instance named ${destination.kind} is written with its VPC, e.g. \`VPC.${destination.kind}\`.`
        });
    }
    return result;
}

function codeOf(diagnostic: Diagnostic): DiagnosticCode {
    if (isDiagnosticCode(diagnostic.code)) return diagnostic.code;
    const data = diagnostic.data as { code?: string } | undefined;
    if (data?.code === DocumentValidator.LinkingError) return 'unresolved-reference';
    return 'syntax';
}
