/**
 * Semantic tokens: what the TextMate grammar cannot know. Declared names and resolved references
 * are coloured by the kind of resource they name, and addresses and CIDR blocks as numbers.
 */
import { AstUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { astKind } from '../kinds.js';

/** The properties that hold an address or a CIDR block, by node type. */
const ADDRESS_PROPERTIES: Record<string, string> = {
    CidrProp: 'value',
    Ipv6Prop: 'value',
    IpProp: 'value',
    PublicIpProp: 'value',
    RouteDestination: 'cidr',
    RulePeer: 'cidr',
    ProbeDestination: 'address',
    TgwRoute: 'destination',
    LbTarget: 'address',
    PrefixList: 'entries'
};

export class VpcSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, accept: SemanticTokenAcceptor): void {
        const record = node as unknown as Record<string, unknown>;
        const kind = astKind(node.$type)?.token;
        if (kind && typeof record.name === 'string') {
            accept({ node, property: 'name' as never, type: kind, modifier: SemanticTokenModifiers.declaration });
        }
        const address = ADDRESS_PROPERTIES[node.$type];
        if (address && typeof record[address] === 'string') accept({ node, property: address as never, type: SemanticTokenTypes.number });
        if (address && Array.isArray(record[address])) {
            (record[address] as unknown[]).forEach((_, index) =>
                accept({ node, property: address as never, index, type: SemanticTokenTypes.number })
            );
        }
        for (const { reference } of AstUtils.streamReferences(node)) {
            const target = 'ref' in reference && reference.ref ? astKind(reference.ref.$type)?.token : undefined;
            if (target && reference.$refNode) accept({ cst: reference.$refNode, type: target });
        }
    }
}
