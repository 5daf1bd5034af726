/** route(): the service of a call from its version, its action and the service the request names. */
import { route } from "../../emulator/routing";
import type { Handler, ServiceDefinition } from "../../emulator/call";

const handler: Handler = () => ({});
const service = (name: string, version: string, actions: string[]): ServiceDefinition => ({
  service: name as ServiceDefinition["service"],
  version,
  handlers: Object.fromEntries(actions.map((a) => [a, handler])),
  rateLimits: { default: { calls: 1, windowMs: 1000 } },
});

// CVM and CBS share 2017-03-12, Tag and STS 2018-08-13: the services to come.
const SERVICES = [
  service("cvm", "2017-03-12", ["RunInstances", "DescribeInstances"]),
  service("cbs", "2017-03-12", ["CreateDisks", "DescribeInstances"]),
  service("tag", "2018-08-13", ["ModifyResourceTags"]),
  service("sts", "2018-08-13", ["AssumeRole"]),
];
const routed = (version: string, action: string, named?: string) => {
  const r = route(SERVICES, { version, action, named });
  return "found" in r ? r.found.service : "NoSuchVersion";
};

describe("route", () => {
  it.each([
    ["the action decides between the services of a version", "2017-03-12", "CreateDisks", "127", "cbs"],
    ["the same, for the other service", "2017-03-12", "RunInstances", "127", "cvm"],
    ["an action both have: the first listed", "2017-03-12", "DescribeInstances", "127", "cvm"],
    ["an action both have: the named service", "2017-03-12", "DescribeInstances", "cbs", "cbs"],
    ["an action none has: the first listed answers", "2017-03-12", "Nothing", "127", "cvm"],
    ["the named service wins over the action", "2018-08-13", "ModifyResourceTags", "sts", "sts"],
    ["a label that names no service is not a service", "2018-08-13", "AssumeRole", "localhost", "sts"],
    ["a named service of another version", "2018-08-13", "AssumeRole", "cvm", "NoSuchVersion"],
    ["a version no service has", "2099-01-01", "RunInstances", "127", "NoSuchVersion"],
  ])("%s", (_name, version, action, named, expected) => {
    expect(routed(version, action, named)).toBe(expected);
  });

  it("never takes an action from a prototype", () => {
    expect(routed("2018-08-13", "toString", "127")).toBe("tag");
  });
});
