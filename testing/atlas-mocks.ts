import type * as pulumi from "@pulumi/pulumi";
import { dynamicTypeToken } from "../provider/faces/dynamic/dynamic-resource";
import type { ResourceDescription } from "../provider/lifecycle/description";
import { RESOURCES } from "../provider/resources";
import { InvalidInputsError } from "./invalid-inputs-error";
import type { MockedResourceType } from "./mocked-resource";

type Mocks = pulumi.runtime.Mocks;
type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockResourceResult = pulumi.runtime.MockResourceResult;

/** A resource under mocks: its own `check`, then what a ready one stores (`__provider` is the class's, not state's). */
function mockedType(resource: ResourceDescription): MockedResourceType {
  return {
    check: (news) => resource.check(news),
    created(name, checked) {
      const { __provider: _serialized, ...inputs } = checked;
      const { id, outs } = resource.ready(name, inputs);
      return { id, state: { ...outs } };
    },
  };
}

/** The Atlas resource types the mocks answer themselves, by dynamic type token: every resource of the package. */
export const MOCKED_RESOURCE_TYPES: Readonly<Record<string, MockedResourceType>> = Object.fromEntries(
  RESOURCES.map((resource) => [dynamicTypeToken(resource), mockedType(resource)]),
);

/**
 * Mocks for `pulumi.runtime.setMocks` that answer for this package's resources (`PrivateEndpointService`,
 * `PrivateEndpoint`, `PrivateEndpointRegionalMode`) as their providers would: inputs go through the provider's own `check` (a bad region throws
 * {@link InvalidInputsError} with the message preview would show), and a valid resource gets every output a ready one
 * has in Atlas, with ids derived from its name or inputs (stable across runs). Every other resource, and every call,
 * goes to `userMocks`.
 *
 * ```ts
 * pulumi.runtime.setMocks(atlasMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }) }));
 * ```
 *
 * @param userMocks Mocks for everything else; either function may be left out. Default: echo the inputs back
 *   (`{ id: "<name>_id", state: inputs }` for resources, the inputs for calls), as Pulumi's testing guide does.
 */
export function atlasMocks(userMocks: Partial<Mocks> = {}): Mocks {
  const otherResource = (args: MockResourceArgs): MockResourceResult | Promise<MockResourceResult> =>
    userMocks.newResource !== undefined
      ? userMocks.newResource(args)
      : { id: `${args.name}_id`, state: { ...(args.inputs as Record<string, unknown>) } };
  return {
    newResource(args) {
      const row = MOCKED_RESOURCE_TYPES[args.type];
      // A read or import of an existing resource (an id given) has no inputs to check: the program's own mocks decide.
      if (row === undefined || (args.id !== undefined && args.id !== "")) return otherResource(args);
      return mockAtlasResource(row, args);
    },
    call(args) {
      return userMocks.call !== undefined ? userMocks.call(args) : { ...(args.inputs as Record<string, unknown>) };
    },
  };
}

function mockAtlasResource(row: MockedResourceType, args: MockResourceArgs): MockResourceResult {
  const news = { ...(args.inputs as Record<string, unknown>) };
  const { inputs, failures } = row.check(news);
  if (failures.length > 0) throw new InvalidInputsError(args.type, args.name, failures, news);
  return row.created(args.name, inputs);
}
