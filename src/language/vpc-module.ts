import '../node20.js';
import {
    inject,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
    type DefaultSharedCoreModuleContext,
    type ReferenceDescriptionProvider,
    createDefaultCoreModule,
    createDefaultSharedCoreModule
} from 'langium';
import { VpcLabGeneratedModule, VpcLabGeneratedSharedModule } from './generated/module.js';
import { SeveritySettings } from './severity-settings.js';
import { VpcLexer, VpcLexerErrorMessageProvider } from './vpc-lexer.js';
import { VpcParserErrorMessageProvider } from './vpc-parser-messages.js';
import { VpcLinker, VpcScopeComputation, VpcScopeProvider } from './vpc-scope.js';
import { VpcDocumentValidator, VpcValidator, registerValidationChecks } from './vpc-validator.js';
import { WorkspaceModel } from './workspace-model.js';
import { Designs } from './designs.js';

export interface VpcAddedServices {
    validation: { VpcValidator: VpcValidator; SeveritySettings: SeveritySettings };
    workspace: { WorkspaceModel: WorkspaceModel; Designs: Designs };
}

export type VpcServices = LangiumCoreServices & VpcAddedServices;

export const VpcModule: Module<VpcServices, PartialLangiumCoreServices & VpcAddedServices> = {
    parser: {
        ParserErrorMessageProvider: () => new VpcParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new VpcLexerErrorMessageProvider(),
        Lexer: services => new VpcLexer(services)
    },
    references: {
        ScopeComputation: services => new VpcScopeComputation(services),
        ScopeProvider: services => new VpcScopeProvider(services),
        Linker: services => new VpcLinker(services)
    },
    validation: {
        VpcValidator: services => new VpcValidator(services),
        SeveritySettings: () => new SeveritySettings(),
        DocumentValidator: services => new VpcDocumentValidator(services)
    },
    workspace: {
        WorkspaceModel: services => new WorkspaceModel(services.shared, services.workspace.Designs),
        Designs: () => new Designs()
    }
};

/**
 * One build and no editor: the reverse index of references (find references, and which
 * documents an edit affects) is never asked for, so the build skips computing it.
 */
const BatchModule: Module<VpcServices, { workspace: { ReferenceDescriptionProvider: ReferenceDescriptionProvider } }> = {
    workspace: { ReferenceDescriptionProvider: () => ({ createDescriptions: async () => [] }) }
};

/** The language services without an editor connection: for the command line (`batch`) and tests. */
export function createVpcServices(
    context: DefaultSharedCoreModuleContext,
    options: { batch?: boolean } = {}
): { shared: LangiumSharedCoreServices; Vpc: VpcServices } {
    const shared = inject(createDefaultSharedCoreModule(context), VpcLabGeneratedSharedModule);
    const Vpc = options.batch
        ? inject(createDefaultCoreModule({ shared }), VpcLabGeneratedModule, VpcModule, BatchModule)
        : inject(createDefaultCoreModule({ shared }), VpcLabGeneratedModule, VpcModule);
    shared.ServiceRegistry.register(Vpc);
    registerValidationChecks(Vpc);
    return { shared, Vpc };
}
