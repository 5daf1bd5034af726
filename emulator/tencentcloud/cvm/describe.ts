/** DescribeInstances: ids or filters, paging, newest first; instances still unknown to describes left out. */
import type {
  DescribeInstancesRequest,
  Filter,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { filterAt, instancePage } from "../common";
import { attr, checkInstanceIds, describeInstance, instancesOf, vpcOf } from "./models";
import { isIpv4 } from "./run-network";

type Predicate = (inst: Instance, values: string[]) => boolean;

/** The Filters of DescribeInstancesRequest (SDK); tag:<key> is handled apart. */
const INSTANCE_FILTERS: Record<string, Predicate> = {
  zone: (i, v) => v.includes(i.zone),
  "project-id": (i, v) => v.includes(String(attr<{ ProjectId: number }>(i, "Placement").ProjectId)),
  "host-id": (i, v) => v.includes(attr<{ HostId?: string }>(i, "Placement").HostId ?? ""),
  "dedicated-cluster-id": () => false,
  "vpc-id": (i, v) => v.includes(vpcOf(i).VpcId),
  "subnet-id": (i, v) => v.includes(vpcOf(i).SubnetId),
  "instance-id": (i, v) => v.includes(i.id),
  uuid: (i, v) => v.includes(attr<string>(i, "Uuid")),
  "security-group-id": (i, v) => attr<string[]>(i, "SecurityGroupIds").some((sg) => v.includes(sg)),
  "instance-name": (i, v) => v.some((name) => i.name.includes(name)),
  "instance-charge-type": (i, v) => v.includes(attr<string>(i, "InstanceChargeType")),
  "instance-state": (i, v) => v.includes(i.state),
  "private-ip-address": (i, v) => i.privateIps.some((ip) => v.includes(ip)),
  "public-ip-address": (i, v) => i.publicIps.some((ip) => v.includes(ip)),
  "ipv6-address": () => false,
  "tag-key": (i, v) => v.some((key) => key in i.tags),
  "tag-value": (i, v) => Object.values(i.tags).some((value) => v.includes(value)),
  "creation-start-time": (i, v) => v.every((t) => i.createdAt >= parseFilterTime(t)),
  "creation-end-time": (i, v) => v.every((t) => i.createdAt <= parseFilterTime(t)),
};

/** "例如：2023-06-01 00:00:00" (SDK creation-start-time), read as UTC. */
function parseFilterTime(text: string): number {
  const at = Date.parse(`${text.replace(" ", "T")}Z`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) || Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTimeFormat",
      `The time \`${text}\` is not in the format YYYY-MM-DD hh:mm:ss.`,
    );
  }
  return at;
}

export function describeInstances(call: Call, req: DescribeInstancesRequest): Record<string, unknown> {
  const ids = req.InstanceIds ?? [];
  const filters = req.Filters ?? [];
  // SDK: "参数不支持同时指定InstanceIds和Filters".
  if (ids.length > 0 && filters.length > 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "InstanceIds and Filters cannot be specified at the same time.",
    );
  }
  checkInstanceIds(ids);
  const predicates = instanceFilters(filters);
  const { offset, limit } = paging(req);
  const matching = instancesOf(call)
    .filter((i) => ids.length === 0 || ids.includes(i.id))
    .filter((i) => predicates.every((p) => p(i)))
    .sort((a, b) => b.createdAt - a.createdAt);
  const visible = call.world.visible(matching);
  return instancePage(visible, offset, limit, (i) => describeInstance(call.world, i));
}

/** SDK: "每次请求的Filters的上限为10，Filter.Values的上限为5"; names as listed in the model. */
function instanceFilters(filters: Filter[]): Array<(inst: Instance) => boolean> {
  if (filters.length > 10) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 10 Filters are allowed; ${filters.length} were given.`,
    );
  }
  return filters.map((filter, i) => {
    const { name, values } = checkFilter(filter, i, 5);
    if (name === "instance-id") checkInstanceIds(values);
    if (name === "private-ip-address" || name === "public-ip-address") {
      const bad = values.find((v) => !isIpv4(v));
      if (bad !== undefined) {
        throw new ApiError("InvalidParameterValue.InvalidIpFormat", `\`${bad}\` is not an IP address.`);
      }
    }
    if (name.startsWith("creation-")) values.forEach(parseFilterTime);
    if (name.startsWith("tag:")) {
      const key = name.slice(4);
      return (inst: Instance) => key in inst.tags && values.includes(inst.tags[key]);
    }
    const predicate = INSTANCE_FILTERS[name];
    if (!predicate) throw new ApiError("InvalidFilter", `The filter \`${name}\` is not supported.`);
    return (inst: Instance) => predicate(inst, values);
  });
}

/** A filter of DescribeInstances or DescribeInstanceTypeConfigs, with at most `maxValues` values. */
export function checkFilter(
  filter: Filter,
  i: number,
  maxValues: number,
): { name: string; values: string[] } {
  const { name, values } = filterAt(filter, i);
  if (values.length > maxValues) {
    throw new ApiError(
      "InvalidFilterValue.LimitExceeded",
      `The filter \`${name}\` takes at most ${maxValues} values; ${values.length} were given.`,
    );
  }
  return { name, values };
}

/** SDK: "Offset 偏移量，默认为0"; "Limit 返回数量，默认为20，最大值为100". */
function paging(req: DescribeInstancesRequest): { offset: number; limit: number } {
  const offset = req.Offset ?? 0;
  const limit = req.Limit ?? 20;
  if (offset < 0) throw invalidParameterValue("Offset", "the offset cannot be negative");
  if (limit > 100) {
    throw new ApiError("InvalidParameterValue.LimitExceeded", `Limit is at most 100; ${limit} was given.`);
  }
  if (limit < 1) throw invalidParameterValue("Limit", "the limit must be at least 1");
  return { offset, limit };
}
