/** Input that cannot be imported at all: the message is one line in the product's words. */
export class TerraformInputError extends Error {}
