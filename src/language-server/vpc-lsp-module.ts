/** The language services with an editor connection: what `vpc-lab lsp` serves. */
import '../node20.js';
import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { VpcLabGeneratedModule, VpcLabGeneratedSharedModule } from '../language/generated/module.js';
import { VpcModule, VpcSharedModule, type VpcAddedServices } from '../language/vpc-module.js';
import { registerValidationChecks } from '../language/vpc-validator.js';
import { VpcCodeActionProvider } from '../language/lsp/vpc-code-actions.js';
import { VpcCompletionProvider } from '../language/lsp/vpc-completion.js';
import { VpcFormatter } from '../language/lsp/vpc-formatter.js';
import { VpcRenameProvider } from '../language/lsp/vpc-rename.js';
import { VpcSemanticTokenProvider } from '../language/lsp/vpc-semantic-tokens.js';
import { VpcCodeLensProvider } from '../language/lsp/vpc-code-lens.js';
import { VpcHoverProvider } from '../language/lsp/vpc-hover.js';
import { VpcInlayHintProvider } from '../language/lsp/vpc-inlay-hints.js';
import { VpcConfigurationProvider } from './client-capabilities.js';
import { VpcDocumentUpdateHandler } from './document-updates.js';
import { VpcNodeKindProvider } from '../language/lsp/vpc-node-kinds.js';
import { FolderDesigns } from './folder-designs.js';
import { VpcLanguageServer, VpcWorkspaceManager } from './workspace-folders.js';
import type { Designs } from '../language/designs.js';

export type VpcLspServices = LangiumServices & VpcAddedServices;

/** The editor features vpc-lab adds to Langium's defaults. */
const VpcLspModule: Module<
    VpcLspServices,
    {
        lsp: {
            HoverProvider: VpcHoverProvider;
            InlayHintProvider: VpcInlayHintProvider;
            CodeLensProvider: VpcCodeLensProvider;
            CodeActionProvider: VpcCodeActionProvider;
            CompletionProvider: VpcCompletionProvider;
            Formatter: VpcFormatter;
            RenameProvider: VpcRenameProvider;
            SemanticTokenProvider: VpcSemanticTokenProvider;
        };
        workspace: { Designs: Designs };
    }
> = {
    lsp: {
        HoverProvider: services => new VpcHoverProvider(services),
        InlayHintProvider: services => new VpcInlayHintProvider(services),
        CodeLensProvider: () => new VpcCodeLensProvider(),
        CodeActionProvider: services => new VpcCodeActionProvider(services),
        CompletionProvider: services => new VpcCompletionProvider(services),
        Formatter: () => new VpcFormatter(),
        RenameProvider: services => new VpcRenameProvider(services),
        SemanticTokenProvider: services => new VpcSemanticTokenProvider(services)
    },
    // The workspace folders are one design; a file opened from elsewhere is one of its own.
    workspace: { Designs: services => new FolderDesigns(services.shared) }
};

/** The editor's lifecycle (closed documents fall back to disk, registrations follow the client's capabilities, the workspace folders followed as they change) and the outline's symbol kinds, from the kinds registry. */
const VpcSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        DocumentUpdateHandler: services => new VpcDocumentUpdateHandler(services),
        NodeKindProvider: () => new VpcNodeKindProvider(),
        LanguageServer: services => new VpcLanguageServer(services)
    },
    workspace: {
        ConfigurationProvider: services => new VpcConfigurationProvider(services),
        WorkspaceManager: services => new VpcWorkspaceManager(services)
    }
};

export function createVpcLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Vpc: VpcLspServices } {
    const shared = inject(createDefaultSharedModule(context), VpcLabGeneratedSharedModule, VpcSharedModule, VpcSharedLspModule);
    // The workspace's files are validated when it is first built, not when one is edited: their
    // diagnostics, and the preview's answers to requests sent before any edit, need it.
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    const Vpc = inject(
        createDefaultModule({ shared }),
        VpcLabGeneratedModule,
        VpcModule as Module<VpcLspServices, VpcAddedServices>,
        VpcLspModule
    );
    shared.ServiceRegistry.register(Vpc);
    registerValidationChecks(Vpc);
    return { shared, Vpc };
}
