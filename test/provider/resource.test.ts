import * as pulumi from "@pulumi/pulumi";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

beforeAll(() => {
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        const inputs = args.inputs as Record<string, unknown>;
        return {
          id: "6a793f68c0eb9e7a17715835",
          state: {
            ...inputs,
            privateLinkId: "6a793f68c0eb9e7a17715835",
            status: "AVAILABLE",
            regionName: "EU_WEST_1",
            endpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0667f4ca6f4a2bbc8",
            interfaceEndpoints: [],
          },
        };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

describe("PrivateEndpointService", () => {
  it("registers the dynamic type with the inputs, its name and a serialized provider", async () => {
    const { PrivateEndpointService } = await import("../../provider/endpoint-service");
    const service = new PrivateEndpointService("orders", {
      projectId: "0123456789abcdef01234567",
      providerName: "AWS",
      region: "eu-west-1",
      supportedRemoteRegions: ["us-west-2"],
      timeouts: { create: "45m" },
    });
    expect(await valueOf(service.urn)).toContain("orders");
    const entry = registered.find((r) => r.name === "orders");
    expect(entry?.type).toBe("pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService");
    expect(entry?.inputs).toMatchObject({
      projectId: "0123456789abcdef01234567",
      providerName: "AWS",
      region: "eu-west-1",
      supportedRemoteRegions: ["us-west-2"],
      timeouts: { create: "45m" },
      resourceName: "orders",
    });
    expect(typeof entry?.inputs["__provider"]).toBe("string");
    expect(String(entry?.inputs["__provider"])).toContain("exports.handler");
  });

  it("declares the outputs Atlas returns", async () => {
    const { PrivateEndpointService } = await import("../../provider/endpoint-service");
    const service = new PrivateEndpointService("outputs", {
      projectId: "0123456789abcdef01234567",
      providerName: "AWS",
      region: "eu-west-1",
    });
    expect(await valueOf(service.id)).toBe("6a793f68c0eb9e7a17715835");
    expect(await valueOf(service.privateLinkId)).toBe("6a793f68c0eb9e7a17715835");
    expect(await valueOf(service.endpointServiceName)).toBe("com.amazonaws.vpce.eu-west-1.vpce-svc-0667f4ca6f4a2bbc8");
    expect(await valueOf(service.regionName)).toBe("EU_WEST_1");
    expect(await valueOf(service.status)).toBe("AVAILABLE");
    expect(await valueOf(service.interfaceEndpoints)).toEqual([]);
  });
});
