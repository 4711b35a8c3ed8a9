/**
 * What the server registers with the client: only what the client said it can take. Langium
 * registers `workspace/didChangeConfiguration` whenever the client can be asked for settings;
 * a client that does not declare dynamic registration for it (Emacs eglot) warns about it.
 */
import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';

export class VpcConfigurationProvider extends DefaultConfigurationProvider {
    private dynamicRegistration = false;

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.dynamicRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    override initialized(params: ConfigurationInitializedParams): Promise<void> {
        if (this.dynamicRegistration) return super.initialized(params);
        // Settings still arrive: pulled once here, pushed by the client's own didChangeConfiguration.
        const { register: _unused, ...withoutRegistration } = params;
        return super.initialized(withoutRegistration);
    }
}
