/**
 * The dynamic ResourceProvider of a resource, from its six operations: each takes the host (the
 * process's runtime and the resource's kind) first, so it can live at module level, readable and
 * testable alone. configure is the same for all: the stack config (config.ts).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ConfigureRequest, configure } from "./config";
import { Operation, Runtime, operation } from "./context";
import type { DiffResult } from "./diff";
import { Props, nameOf, timeoutOf } from "./props";
import type { Timeouts } from "./rules";

/** What every operation of a provider knows: the runtime of the process and the resource's kind. */
export interface Host {
  rt: Runtime;
  /** Names the resource in progress lines and errors, e.g. "CvmInstance". */
  kind: string;
}

/** A resource's operations, as Pulumi calls them (check, diff, create, read, update, delete). */
export interface Operations<H extends Host = Host> {
  check(h: H, olds: Props, news: Props): Promise<dynamic.CheckResult>;
  diff(h: H, id: string, olds: Props, news: Props): DiffResult | Promise<DiffResult>;
  create(h: H, inputs: Props): Promise<dynamic.CreateResult>;
  read(h: H, id: string, props: Props): Promise<dynamic.ReadResult>;
  update(h: H, id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult>;
  delete(h: H, id: string, props: Props): Promise<void>;
}

/** The object the shim's `require(...).provider` finds. */
export interface ResourceProvider {
  configure(req: ConfigureRequest): Promise<void>;
  check(olds: Props, news: Props): Promise<dynamic.CheckResult>;
  diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult>;
  create(inputs: Props): Promise<dynamic.CreateResult>;
  read(id: string, props: Props): Promise<dynamic.ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult>;
  delete(id: string, props: Props): Promise<void>;
}

export function dynamicProvider<H extends Host>(h: H, ops: Operations<H>): ResourceProvider {
  return {
    configure: async (req) => configure(req),
    check: (olds, news) => ops.check(h, olds, news),
    diff: async (id, olds, news) => {
      const d = await ops.diff(h, id, olds, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },
    create: (inputs) => ops.create(h, inputs),
    read: (id, props) => ops.read(h, id, props),
    update: (id, olds, news) => ops.update(h, id, olds, news),
    delete: (id, props) => ops.delete(h, id, props),
  };
}

export type Verb = "creating" | "reading" | "updating" | "deleting";
const TIMEOUT_OF: Record<Verb, keyof Timeouts> = {
  creating: "create",
  // A refresh takes as long as an update may.
  reading: "update",
  updating: "update",
  deleting: "delete",
};

/** One step's operation, "creating CvmInstance web", with the deadline the resource's timeouts give. */
export function step(
  h: Host,
  verb: Verb,
  props: Props,
  timeouts: Timeouts | undefined,
  defaultMs?: number,
): Operation {
  return operation(
    h.rt,
    `${verb} ${h.kind} ${nameOf(props)}`,
    timeoutOf(timeouts, TIMEOUT_OF[verb], defaultMs),
  );
}
