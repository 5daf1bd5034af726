/** DescribeZones and DescribeInstanceTypeConfigs: the region's zones and what each of them sells. */
import type { DescribeInstanceTypeConfigsRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { TencentRegion } from "../../catalogue";
import { ApiError } from "../../errors";
import { checkFilter } from "./describe";

export function describeZones(_call: Call, _req: unknown, region: TencentRegion): Record<string, unknown> {
  return {
    TotalCount: region.zones.length,
    ZoneSet: region.zones.map((z) => ({
      Zone: z.zone,
      ZoneName: z.zoneName,
      ZoneId: z.zoneId,
      ZoneState: "AVAILABLE",
    })),
  };
}

/** SDK: filters zone, instance-family, instance-type; "Filters的上限为10，Filter.Values的上限为1". */
export function describeInstanceTypeConfigs(
  call: Call,
  req: DescribeInstanceTypeConfigsRequest,
  region: TencentRegion,
): Record<string, unknown> {
  const filters = req.Filters ?? [];
  if (filters.length > 10) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 10 Filters are allowed; ${filters.length} were given.`,
    );
  }
  const wanted: Record<string, string> = {};
  filters.forEach((filter, i) => {
    const { name, values } = checkFilter(filter, i, 1);
    if (!["zone", "instance-family", "instance-type"].includes(name)) {
      throw new ApiError("InvalidFilter", `The filter \`${name}\` is not supported.`);
    }
    if (values[0] !== undefined) wanted[name] = values[0];
  });
  const zone = wanted.zone;
  if (zone !== undefined && !region.zones.some((z) => z.zone === zone)) {
    throw new ApiError(
      "InvalidZone.MismatchRegion",
      `The zone \`${zone}\` does not exist in region \`${region.region}\`.`,
    );
  }
  const types = call.world.catalogue.tencent.instanceTypes.filter(
    (t) =>
      t.family !== "CDH" &&
      (wanted["instance-family"] === undefined || t.family === wanted["instance-family"]) &&
      (wanted["instance-type"] === undefined || t.instanceType === wanted["instance-type"]),
  );
  const zones = region.zones.filter((z) => zone === undefined || z.zone === zone);
  return {
    InstanceTypeConfigSet: zones.flatMap((z) =>
      types.map((t) => ({
        Zone: z.zone,
        InstanceType: t.instanceType,
        InstanceFamily: t.family,
        GPU: t.gpu ?? 0,
        CPU: t.cpu,
        Memory: t.memory,
        FPGA: 0,
        GpuCount: t.gpu ?? 0,
      })),
    ),
  };
}
