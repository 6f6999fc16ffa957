/**
 * What one place of policy (a registry key, a managed preference, a file)
 * held: the raw document, before it is checked against the schema, or why it
 * could not be read at all.
 */
export type PolicyReading = { origin: string; document: unknown } | { origin: string; problem: string };

/** A place admin policy comes from; readings are returned lowest precedence first. */
export interface PolicySource {
  read(): Promise<PolicyReading[]>;
}
