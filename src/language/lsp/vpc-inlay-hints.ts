/**
 * Inlay hints: a subnet block's usable address count after it, and a probe's verdict after a probe
 * that states no expectation (`→ REJECT SG_INGRESS`).
 */
import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor, type LangiumServices } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { parseCidr, usableAddresses } from '../../simulator/cidr.js';
import { isCidrProp, isProbe, isSubnet } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';

export class VpcInlayHintProvider extends AbstractInlayHintProvider {
    private readonly model: WorkspaceModel;

    constructor(services: LangiumServices & VpcAddedServices) {
        super();
        this.model = services.workspace.WorkspaceModel;
    }

    computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
        if (isCidrProp(node) && isSubnet(node.$container) && node.$cstNode) {
            const block = parseCidr(node.value);
            if (!block.ok || block.value.family !== 4) return;
            accept({
                position: node.$cstNode.range.end,
                label: `${usableAddresses(block.value).toLocaleString('en-US')} usable`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: 'Addresses left for ENIs: AWS reserves the first four and the last address of every subnet.'
            });
        } else if (isProbe(node) && !node.expect && node.$cstNode) {
            const result = this.model.simulate(node, false);
            if (!result) return;
            accept({
                position: node.$cstNode.range.end,
                label: result.verdict === 'ACCEPT' ? '→ ACCEPT' : `→ REJECT ${result.reason}`,
                kind: InlayHintKind.Parameter,
                paddingLeft: true
            });
        }
    }
}
