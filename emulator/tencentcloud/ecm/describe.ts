/** DescribeInstances: filters, paging and order by creation time, over all regions of the account. */
import type { DescribeInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { Filter, filterAt, instancePage } from "../common";
import { INSTANCE_ID, ecmType, instanceView, moduleName, position } from "./models";
import { invalidInstanceId } from "./errors";

/** What a filter compares its values with: one value exactly, a text that holds one, or a list that has one. */
type Match = { exact: unknown } | { holds: string | undefined } | { anyOf: string[] };

/** The filters of SDK DescribeInstancesRequest.Filters; `tag:<key>` besides. */
const FILTERS: Record<string, (inst: Instance, world: World) => Match> = {
  zone: (i) => ({ exact: i.zone }),
  "zone-name": (i, world) => ({ holds: position(world, i).ZoneInfo.ZoneName }),
  "module-id": (i) => ({ exact: i.attrs.ModuleId }),
  "instance-id": (i) => ({ exact: i.id }),
  "instance-name": (i) => ({ holds: i.name }),
  "ip-address": (i) => ({ anyOf: [...i.privateIps, ...i.publicIps] }),
  "instance-uuid": (i) => ({ exact: i.attrs.UUID }),
  "instance-state": (i) => ({ exact: i.state }),
  "internet-service-provider": (i) => ({ anyOf: String(i.attrs.ISP).split(";") }),
  "tag-key": (i) => ({ anyOf: Object.keys(i.tags) }),
  "instance-family": (i, world) => ({ exact: ecmType(world, i.attrs)?.family }),
  "module-name": (i, world) => {
    const module = world.catalogue.tencent.ecm.modules.find((m) => m.moduleId === i.attrs.ModuleId);
    return { holds: module ? moduleName(module) : undefined };
  },
  "image-id": (i) => ({ exact: i.attrs.ImageId }),
  "vpc-id": (i) => ({ exact: i.attrs.VpcId }),
  "subnet-id": (i) => ({ exact: i.attrs.SubnetId }),
};

export function describeInstances(call: Call, req: DescribeInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const filters = readFilters(req);
  const offset = req.Offset ?? 0;
  // "Limit: default 20, maximum 100" (SDK DescribeInstancesRequest.Limit).
  const limit = req.Limit ?? 20;
  if (offset < 0 || limit < 0 || limit > 100) {
    throw new ApiError(
      "InvalidParameterValue.InvaildPageParam",
      "Offset must be >= 0 and Limit between 0 and 100.",
    );
  }
  // OrderByField: only "timestamp"; OrderDirection: 0 descending (default), 1 ascending (SDK).
  const orderBy = req.OrderByField ?? "timestamp";
  if (orderBy !== "timestamp") {
    throw new ApiError(
      "InvalidParameterValue.InvalidOrderByField",
      `The order field \`${orderBy}\` is invalid.`,
    );
  }
  const direction = req.OrderDirection ?? 0;
  if (direction !== 0 && direction !== 1) {
    throw invalidParameterValue("OrderDirection", "0 (descending) or 1 (ascending)");
  }

  const matching = world
    .list("ecm", call.account)
    .filter((inst) => filters.every((f) => matches(world, inst, f)));
  const visible = world.visible(matching).sort((a, b) => a.createdAt - b.createdAt);
  // SDK errors: ResourceNotFound.InstanceNotExist, when no instance an instance-id filter names exists.
  const ids = filters.find((f) => f.name === "instance-id");
  if (ids && visible.length === 0) {
    throw new ApiError(
      "ResourceNotFound.InstanceNotExist",
      `The instances \`${ids.values.join(", ")}\` do not exist.`,
    );
  }
  if (direction === 0) visible.reverse();
  return instancePage(visible, offset, limit, (inst) => instanceView(world, inst));
}

function readFilters(req: DescribeInstancesRequest): Filter[] {
  return (req.Filters ?? []).map((f, i) => {
    const { name, values } = filterAt(f, i);
    if (!Object.hasOwn(FILTERS, name) && !/^tag:.+/.test(name)) {
      throw new ApiError("InvalidParameterValue.InvalidFilter", `The filter \`${name}\` is not supported.`);
    }
    // "Filter.Values: at most 5 per request" (SDK DescribeInstancesRequest.Filters).
    if (values.length > 5) {
      throw new ApiError(
        "InvalidParameterValue.FilterLimitExceeded",
        `The filter \`${name}\` has ${values.length} values; at most 5 are allowed.`,
      );
    }
    const badId = name === "instance-id" ? values.find((v) => !INSTANCE_ID.test(v)) : undefined;
    if (badId !== undefined) throw invalidInstanceId(badId);
    return { name, values };
  });
}

function matches(world: World, inst: Instance, f: Filter): boolean {
  if (f.name.startsWith("tag:")) {
    const key = f.name.slice(4);
    return key in inst.tags && f.values.includes(inst.tags[key]);
  }
  const match = FILTERS[f.name](inst, world);
  if ("anyOf" in match) return match.anyOf.some((v) => f.values.includes(v));
  if ("holds" in match) return f.values.some((v) => (match.holds ?? "").includes(v));
  return f.values.includes(String(match.exact ?? ""));
}
