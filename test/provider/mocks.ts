/**
 * The resource class tests' Pulumi mocks (project proj, stack dev): every new resource gets `id`,
 * and as its state its inputs, `state` and instanceIds [id].
 */
import * as pulumi from "@pulumi/pulumi";

/** Sets the mocks before the file's tests; the resources registered, in order. */
export function mockResources(
  id: string,
  state: Record<string, unknown> = {},
): pulumi.runtime.MockResourceArgs[] {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id, state: { ...args.inputs, ...state, instanceIds: [id] } };
        },
        call: () => ({}),
      },
      "proj",
      "dev",
    ),
  );
  return registered;
}

/** The value of an output. */
export const resolved = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
