// One Simple Application Server, bought for one month. SWAS servers are subscriptions with no
// release API: `pulumi destroy` stops them (onDelete "stop"), and they stay paid until they
// expire. Changes that would need a new server are refused at preview unless allowReplacement.
//   pulumi config set alicloud:region cn-hangzhou
//   pulumi config set --secret blog:password 'Blog@Passw0rd'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { SwasInstance } from "pulumi-runinstances";

const config = new pulumi.Config("blog");

const blog = new SwasInstance("blog", {
  regionId: "cn-hangzhou",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: config.get("planId") ?? "swas.s1.c1m1s40b3t05",
  period: 1,
  amount: config.getNumber("amount") ?? 1,
  dataDiskSize: config.getNumber("dataDiskSize"),
  instanceName: config.get("name") ?? "blog",
  password: config.requireSecret("password"),
  running: config.getBoolean("running") ?? true,
  onDelete: "stop",
  // Opt in to buying new servers for a change SWAS cannot make in place (the old ones stay paid).
  allowReplacement: config.getBoolean("allowReplacement") ?? false,
});

export const instanceIds = blog.instanceIds;
export const publicIps = blog.instances.apply((list) => list.map((i) => i.publicIpAddresses[0]));
export const expiredTime = blog.instances.apply((list) => list.map((i) => i.expiredTime));
