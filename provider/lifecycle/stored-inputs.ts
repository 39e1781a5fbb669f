/**
 * The inputs part of stored properties: each named property that holds a value. A null is no value (outputs that
 * share a name with an input hold Atlas' explicit nulls there); with `emptyListIsUnset`, neither is an empty list
 * (Atlas' `[]` for a list the user never set).
 */
export function storedInputs(
  props: Record<string, unknown>,
  names: readonly string[],
  options: { emptyListIsUnset?: boolean } = {},
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const name of names) {
    const value = props[name];
    if (value === undefined || value === null) continue;
    if (options.emptyListIsUnset === true && Array.isArray(value) && value.length === 0) continue;
    inputs[name] = value;
  }
  return inputs;
}
