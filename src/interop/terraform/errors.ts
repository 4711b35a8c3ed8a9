/** Input that cannot be imported at all: the message is one line in the product's words. */
export class TerraformInputError extends Error {}

/** A root variable with neither a value nor a default: the editor asks for it by name. */
export class MissingVariableError extends TerraformInputError {
    constructor(
        message: string,
        readonly variable: string
    ) {
        super(message);
    }
}
