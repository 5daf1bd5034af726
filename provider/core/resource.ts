/** What the resource classes register: the properties (arguments, identity, outputs) and the options. */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  /** Arguments that may hold a secret: wrapped in pulumi.secret and kept secret in the outputs. */
  secrets?: readonly string[];
  /** Arguments listed so that they are outputs even when not given. */
  listed?: readonly string[];
  /** Outputs beside instanceIds and instances, listed so that Pulumi knows them. */
  outputs?: readonly string[];
  /** A kind put in the identity (`project/stack/<kind>/name`): no other kind of the same name shares it. */
  identityKind?: string;
}

/** The properties and options a resource class hands to dynamic.Resource. */
function registration(
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
  r: Registration,
): [Record<string, unknown>, pulumi.CustomResourceOptions | undefined] {
  const given = args as Record<string, unknown>;
  const props: Record<string, unknown> = { ...given };
  for (const k of r.listed ?? []) props[k] = given[k];
  // The password never reaches the state in plain text.
  for (const k of r.secrets ?? []) props[k] = given[k] === undefined ? undefined : pulumi.secret(given[k]);
  const kind = r.identityKind ? `${r.identityKind}/` : "";
  props.__identity = `${pulumi.getProject()}/${pulumi.getStack()}/${kind}${name}`;
  // The engine does not apply replaceOnChanges to a dynamic resource (its diff names no changed
  // keys): the diff does (diff.ts), from this hidden input, which is never an output.
  if (opts?.replaceOnChanges?.length) props.__replaceOnChanges = [...opts.replaceOnChanges];
  for (const k of ["instanceIds", "instances", ...(r.outputs ?? [])]) props[k] = undefined;
  const secrets = r.secrets ?? [];
  if (secrets.length === 0) return [props, opts];
  return [
    props,
    { ...opts, additionalSecretOutputs: [...secrets, ...(opts?.additionalSecretOutputs ?? [])] },
  ];
}

/**
 * A resource of instances: `instanceIds` and `instances` (each instance's InstanceOutput), the
 * provider being the shim (shim.ts), the type token `pulumi-nodejs:dynamic/<cloud>:<kind>`.
 */
export abstract class InstancesResource<I> extends pulumi.dynamic.Resource {
  /** The instance ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** Each instance: id, name, state, IPs, created and expiry times, and what the product adds. */
  declare public readonly instances: pulumi.Output<I[]>;

  constructor(
    shim: pulumi.dynamic.ResourceProvider,
    type: { cloud: string; kind: string },
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
    r: Registration = {},
  ) {
    super(shim, name, ...registration(name, args, opts, r), type.cloud, type.kind);
  }
}
