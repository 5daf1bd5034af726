/**
 * The provider object Pulumi serializes into every resource's state (inputs and outputs): a thin
 * shim whose methods require the real implementation by package path at call time, so it holds no
 * client or credential. Each resource folder's shim.ts makes it that module's whole exports. When
 * the package is installed under node_modules, Pulumi's serializer then writes a `require` of that
 * module (about 300 bytes a copy) instead of the methods' text (about 2.5 KB): the engine rewrites
 * the whole state after every step, so a fleet's deploys and destroys pay for every byte. Linked
 * from elsewhere (a checkout, `npm link`), the methods are written out and work the same.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * Arguments whose values may be Outputs at any depth. Unions are not split (`[T] extends [...]`):
 * an Output<boolean>, an Output of a union of literals and an Output<string | undefined> are each
 * one Input of the argument's type.
 */
export type DeepInput<T> = pulumi.Input<DeepValue<NonNullable<T>> | Extract<T, undefined>>;

/** A value whose members (list elements, object properties) may be Outputs. */
type DeepValue<T> = [T] extends [Array<infer U>]
  ? Array<DeepInput<U>>
  : [T] extends [object]
    ? { [K in keyof T]: DeepInput<T[K]> }
    : T;

/** A resource's arguments: each property, at any depth, may be an Output. */
export type ResourceArgs<T> = { [K in keyof T]: DeepInput<T[K]> };

/** A module path such as "pulumi-runinstances/provider/tencentcloud/cvm/provider". */
export function providerShim(modulePath: string): dynamic.ResourceProvider {
  return {
    configure: (req) => require(modulePath).provider.configure(req),
    check: (olds, news) => require(modulePath).provider.check(olds, news),
    diff: (id, olds, news) => require(modulePath).provider.diff(id, olds, news),
    create: (inputs) => require(modulePath).provider.create(inputs),
    read: (id, props) => require(modulePath).provider.read(id, props),
    update: (id, olds, news) => require(modulePath).provider.update(id, olds, news),
    delete: (id, props) => require(modulePath).provider.delete(id, props),
  };
}
