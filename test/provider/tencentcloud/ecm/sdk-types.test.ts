/**
 * Compile-time agreement of the EcmInstance schema with the SDK's own ECM RunInstancesRequest:
 * every argument (camelCase; `isp` and `eipDirectService` for the API's acronyms) is a request
 * parameter (PascalCase) of a compatible type. `tsc --noEmit` fails if they drift apart; the
 * runtime tests check the request the provider builds.
 */
import type {
  RunInstancesRequest,
  ZoneInstanceCountISP,
  EnhancedService,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { EcmArgs, EcmInstanceArgs } from "../../../../provider/tencentcloud/ecm/schema";
import { EcmPascal, runInstancesRequest } from "../../../../provider/tencentcloud/ecm/api";

/** The arguments that are request parameters (the others are this package's own). */
type RequestArgs = Omit<EcmArgs, "region" | "timeouts" | "running" | "adoptInstanceIds">;

/** Fails to compile unless A is assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
const agrees: Assignable<EcmPascal<RequestArgs>, RunInstancesRequest> = true;
/** And every parameter of the document is an argument. */
type DocumentParameters =
  | "ZoneInstanceCountISPSet"
  | "Password"
  | "InternetMaxBandwidthOut"
  | "ModuleId"
  | "ImageId"
  | "InstanceName"
  | "HostName"
  | "ClientToken"
  | "EnhancedService"
  | "TagSpecification"
  | "UserData"
  | "InstanceType"
  | "DataDiskSize"
  | "SecurityGroupIds"
  | "SystemDiskSize"
  | "InternetMaxBandwidthIn"
  | "InstanceChargeType"
  | "KeyIds"
  | "KeepImageLogin"
  | "SystemDisk"
  | "DataDisks";
const covered: Assignable<DocumentParameters, keyof EcmPascal<RequestArgs>> = true;
/** Every field of the nested models, too (the acronyms spelled as the API spells them). */
type ZoneArgs = EcmPascal<RequestArgs["zoneInstanceCountISPSet"][number]>;
const zoneCovered: Assignable<keyof ZoneInstanceCountISP, keyof ZoneArgs> = true;
type ServiceArgs = EcmPascal<NonNullable<RequestArgs["enhancedService"]>>;
const servicesCovered: Assignable<keyof EnhancedService, keyof ServiceArgs> = true;
/** ClientToken is reserved (doc): an argument only so that check can refuse it. */
const tokenRefused: Assignable<RequestArgs["clientToken"], undefined> = true;
/** `running` is no RunInstances parameter: optional for a program, a boolean after check. */
const runningArg: Assignable<EcmArgs["running"], boolean> = true;
const runningOptional: Assignable<undefined, EcmInstanceArgs["running"]> = true;

describe("EcmInstance arguments and the SDK's RunInstancesRequest", () => {
  it("agree at compile time", () => {
    expect(
      agrees && covered && zoneCovered && servicesCovered && tokenRefused && runningArg && runningOptional,
    ).toBe(true);
  });

  it("turn into the request of the document's example, acronyms included", () => {
    const req = runInstancesRequest({
      zoneInstanceCountISPSet: [
        { zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC;CUCC;CTCC", ipv6AddressCount: 3 },
      ],
      moduleId: "esm-jz2wm3m2",
      password: "Passw0rd!",
      instanceName: "Live on-screen commenting",
      enhancedService: { eipDirectService: { enabled: true }, monitorService: { enabled: true } },
      tagSpecification: [{ resourceType: "instance", tags: [{ key: "env", value: "prod" }] }],
      region: "ap-guangzhou",
      timeouts: { create: "20m" },
      running: false,
    });
    expect(req).toEqual({
      ZoneInstanceCountISPSet: [
        { Zone: "ap-xian-ecm-1", InstanceCount: 2, ISP: "CMCC;CUCC;CTCC", Ipv6AddressCount: 3 },
      ],
      ModuleId: "esm-jz2wm3m2",
      Password: "Passw0rd!",
      InstanceName: "Live on-screen commenting",
      EnhancedService: { EIPDirectService: { Enabled: true }, MonitorService: { Enabled: true } },
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "prod" }] }],
    });
  });

  it("adds the marks to the instance tags without touching the arguments", () => {
    const args = {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CMCC" as const }],
      moduleId: "esm-jz2wm3m2",
      running: true,
      tagSpecification: [
        { resourceType: "module" as const, tags: [{ key: "team", value: "edge" }] },
        { resourceType: "instance" as const, tags: [{ key: "env", value: "prod" }] },
      ],
    };
    const req = runInstancesRequest(args, args.zoneInstanceCountISPSet, { "pulumi:generation": "0" });
    expect(req.TagSpecification).toEqual([
      { ResourceType: "module", Tags: [{ Key: "team", Value: "edge" }] },
      {
        ResourceType: "instance",
        Tags: [
          { Key: "env", Value: "prod" },
          { Key: "pulumi:generation", Value: "0" },
        ],
      },
    ]);
    expect(args.tagSpecification[1].tags).toHaveLength(1);
    const bare = runInstancesRequest({ ...args, tagSpecification: undefined }, undefined, {
      "pulumi:generation": "1",
    });
    expect(bare.TagSpecification).toEqual([
      { ResourceType: "instance", Tags: [{ Key: "pulumi:generation", Value: "1" }] },
    ]);
  });
});
