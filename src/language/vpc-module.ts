import '../node20.js';
import {
    inject, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices,
    type DefaultSharedCoreModuleContext, createDefaultCoreModule, createDefaultSharedCoreModule
} from 'langium';
import { VpcLabGeneratedModule, VpcLabGeneratedSharedModule } from './generated/module.js';
import { SeveritySettings } from './severity-settings.js';
import { VpcLinker, VpcScopeComputation, VpcScopeProvider } from './vpc-scope.js';
import { VpcDocumentValidator, VpcValidator, registerValidationChecks } from './vpc-validator.js';
import { WorkspaceModel } from './workspace-model.js';

export interface VpcAddedServices {
    validation: { VpcValidator: VpcValidator; SeveritySettings: SeveritySettings };
    workspace: { WorkspaceModel: WorkspaceModel };
}

export type VpcServices = LangiumCoreServices & VpcAddedServices;

export const VpcModule: Module<VpcServices, PartialLangiumCoreServices & VpcAddedServices> = {
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
        WorkspaceModel: services => new WorkspaceModel(services.shared)
    }
};

/** The language services without an editor connection: for the command line and tests. */
export function createVpcServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Vpc: VpcServices } {
    const shared = inject(createDefaultSharedCoreModule(context), VpcLabGeneratedSharedModule);
    const Vpc = inject(createDefaultCoreModule({ shared }), VpcLabGeneratedModule, VpcModule);
    shared.ServiceRegistry.register(Vpc);
    registerValidationChecks(Vpc);
    return { shared, Vpc };
}
